-- The findings queue pages one severity at a time in id order (Store::findings_page):
-- this index makes each page a range scan, at a million findings as at ten.
CREATE INDEX findings_page ON findings (severity, status, id);
