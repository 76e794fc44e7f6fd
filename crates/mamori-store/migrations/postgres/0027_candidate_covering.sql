-- Reading a scan's candidates from the index alone (PostgreSQL: index-only
-- scans). A thousand CPE components against an NVD-sized store reach about
-- 45,000 records under 2,000 keys and 170,000 vulnerable criteria, each a heap
-- fetch with the key-only indexes. Both old indexes are prefixes of the new ones.
-- Keep in step with migrations/sqlite/0027_candidate_covering.sql.
DROP INDEX vuln_match_keys_key;
CREATE INDEX vuln_match_keys_key ON vuln_match_keys (key, vuln_id);
DROP INDEX vuln_cpes_key;
CREATE INDEX vuln_cpes_key ON vuln_cpes (vendor, product, vulnerable)
    INCLUDE (vuln_id, criteria, start_including, start_excluding, end_including, end_excluding);
