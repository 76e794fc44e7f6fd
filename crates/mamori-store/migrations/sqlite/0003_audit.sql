-- The audit record: an append-only, hash-chained list of events (SQLite).
-- Keep in step with migrations/postgres/0003_audit.sql: same table, same columns.
-- The chain and its hash encoding are described in src/audit.rs.
CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY CHECK (seq >= 1),
    time         TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    why          TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_events_subject ON audit_events (subject_kind, subject_id, seq);

-- Written once, never changed: the hash chain detects tampering, these refuse it.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
