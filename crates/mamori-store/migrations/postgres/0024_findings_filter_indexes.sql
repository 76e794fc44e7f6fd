-- The findings queue filters by state and KEV beside severity and product. With only
-- (severity, status, id) every filtered row was a table lookup, and SQLite 3.50's planner
-- preferred (status, severity) for a filtered page, walking a whole severity's findings
-- through the table (80 ms at a million findings). Carrying state and kev in the page
-- indexes lets the filter run inside the index; the (status, severity) index duplicated
-- (severity, status, id) for every query that used it and is dropped.
DROP INDEX findings_open;
DROP INDEX findings_page;
DROP INDEX findings_release_page;
DROP INDEX findings_kev_page;
CREATE INDEX findings_page ON findings (severity, status, id, state, kev);
CREATE INDEX findings_release_page ON findings (release_id, severity, status, id, state, kev);
CREATE INDEX findings_kev_page ON findings (severity, status, id, state) WHERE kev = 1;
