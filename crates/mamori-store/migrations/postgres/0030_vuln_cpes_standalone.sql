-- Whether a criteria decides its configuration by itself: 1 when neither the
-- configuration nor the criteria's node is an AND or negated, so that the
-- criteria answering for a component is enough for a finding; 0 when the
-- configuration's other criteria have a say (an application "running on" an
-- operating system). A scan's prefilter keeps a record on a standalone
-- criteria at once and reads the configurations of the others: of a thousand
-- CPE components against an NVD-sized store, a third of the records the
-- criteria alone kept needed a platform the SBOM shows is absent (issue 5).
-- Rows written before this migration are filled from the stored records.
-- Keep in step with migrations/sqlite/0030_vuln_cpes_standalone.sql.
ALTER TABLE vuln_cpes ADD COLUMN standalone BIGINT;
UPDATE vuln_cpes p SET standalone = s.standalone
FROM (
    SELECT v.id AS vuln_id, c.ord - 1 AS config_idx, n.ord - 1 AS node_idx,
        CASE WHEN COALESCE((c.value ->> 'and')::boolean, false)
                OR COALESCE((c.value ->> 'negate')::boolean, false)
                OR COALESCE((n.value ->> 'and')::boolean, false)
                OR COALESCE((n.value ->> 'negate')::boolean, false)
            THEN 0 ELSE 1 END AS standalone
    FROM vulnerabilities v
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(v.record::jsonb -> 'configurations') = 'array'
            THEN v.record::jsonb -> 'configurations' ELSE '[]'::jsonb END
    ) WITH ORDINALITY AS c(value, ord)
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(c.value -> 'nodes') = 'array'
            THEN c.value -> 'nodes' ELSE '[]'::jsonb END
    ) WITH ORDINALITY AS n(value, ord)
    WHERE v.id IN (SELECT vuln_id FROM vuln_cpes)
) s
WHERE p.vuln_id = s.vuln_id
    AND p.config_idx = s.config_idx
    AND p.node_idx = s.node_idx;
DROP INDEX vuln_cpes_key;
CREATE INDEX vuln_cpes_key ON vuln_cpes (vendor, product, vulnerable)
    INCLUDE (vuln_id, criteria, start_including, start_excluding, end_including, end_excluding,
        standalone);
