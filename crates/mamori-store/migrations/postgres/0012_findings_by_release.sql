-- A product's or release's findings queue (Store::findings_page with a product filter)
-- reads its releases' findings one severity at a time in id order, and the KEV-only
-- queue reads only KEV findings: both range scans at a million findings.
CREATE INDEX findings_release_page ON findings (release_id, severity, status, id);
CREATE INDEX findings_kev_page ON findings (severity, status, id) WHERE kev = 1;
