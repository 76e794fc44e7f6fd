-- Reading a scan's candidates from the index alone (SQLite). A thousand CPE
-- components against an NVD-sized store reach about 45,000 records under 2,000
-- keys and 170,000 vulnerable criteria: with indexes on the key alone each of
-- those was a lookup into its table row, a page of its own (keys read: 400 ms;
-- criteria: over a second). Both old indexes are prefixes of the new ones.
-- Keep in step with migrations/postgres/0027_candidate_covering.sql.
DROP INDEX vuln_match_keys_key;
CREATE INDEX vuln_match_keys_key ON vuln_match_keys (key, vuln_id);
DROP INDEX vuln_cpes_key;
CREATE INDEX vuln_cpes_key ON vuln_cpes (vendor, product, vulnerable, vuln_id, criteria,
    start_including, start_excluding, end_including, end_excluding);
