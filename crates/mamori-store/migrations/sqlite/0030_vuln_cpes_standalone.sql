-- Whether a criteria decides its configuration by itself: 1 when neither the
-- configuration nor the criteria's node is an AND or negated, so that the
-- criteria answering for a component is enough for a finding; 0 when the
-- configuration's other criteria have a say (an application "running on" an
-- operating system). A scan's prefilter keeps a record on a standalone
-- criteria at once and reads the configurations of the others: of a thousand
-- CPE components against an NVD-sized store, a third of the records the
-- criteria alone kept needed a platform the SBOM shows is absent (issue 5).
-- Rows written before this migration are filled from the stored records.
-- Keep in step with migrations/postgres/0030_vuln_cpes_standalone.sql.
ALTER TABLE vuln_cpes ADD COLUMN standalone INTEGER;
UPDATE vuln_cpes SET standalone = s.standalone
FROM (
    SELECT v.id AS vuln_id, c.key AS config_idx, n.key AS node_idx,
        CASE WHEN coalesce(json_extract(c.value, '$.and'), 0)
                OR coalesce(json_extract(c.value, '$.negate'), 0)
                OR coalesce(json_extract(n.value, '$.and'), 0)
                OR coalesce(json_extract(n.value, '$.negate'), 0)
            THEN 0 ELSE 1 END AS standalone
    FROM vulnerabilities v,
        json_each(v.record, '$.configurations') c,
        json_each(c.value, '$.nodes') n
    WHERE v.id IN (SELECT vuln_id FROM vuln_cpes)
) s
WHERE vuln_cpes.vuln_id = s.vuln_id
    AND vuln_cpes.config_idx = s.config_idx
    AND vuln_cpes.node_idx = s.node_idx;
DROP INDEX vuln_cpes_key;
CREATE INDEX vuln_cpes_key ON vuln_cpes (vendor, product, vulnerable, vuln_id, criteria,
    start_including, start_excluding, end_including, end_excluding, standalone);
