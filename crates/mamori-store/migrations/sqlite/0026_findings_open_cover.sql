-- Which releases have an open finding among a vulnerability group's thousand findings:
-- answered from this index, not from a thousand table rows (a finding row carries its
-- whole evidence, so each lookup was a page of its own). SQLite uses it for
-- `status = 'open' AND id IN (…)`, PostgreSQL as an index-only scan.
CREATE INDEX findings_open_release ON findings (status, id, release_id);
