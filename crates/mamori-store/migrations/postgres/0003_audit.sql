-- The audit record: an append-only, hash-chained list of events (PostgreSQL).
-- Keep in step with migrations/sqlite/0003_audit.sql: same table, same columns.
-- The chain and its hash encoding are described in src/audit.rs.
CREATE TABLE audit_events (
    seq          BIGINT PRIMARY KEY CHECK (seq >= 1),
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
CREATE FUNCTION mamori_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION mamori_audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION mamori_audit_append_only();
