-- Regulatory cases (SQLite): a case groups findings, keeps the facts the
-- reporting rules look at, and each jurisdiction's decision with its reason.
-- The deadlines are not stored: they are computed from the facts and the
-- (configurable) rule table whenever a case is shown.
-- Keep in step with migrations/postgres/0006_cases.sql: same tables, same columns.
CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    awareness            TEXT NOT NULL,
    harm                 TEXT NOT NULL,
    harm_occurred        INTEGER NOT NULL,
    expected             INTEGER NOT NULL,
    unanticipated        INTEGER NOT NULL,
    public_health_threat INTEGER NOT NULL,
    safety               TEXT,
    correction_initiated TEXT,
    status               TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE case_findings (
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    UNIQUE (case_id, finding_id)
);
CREATE INDEX case_findings_finding ON case_findings (finding_id);

-- Decisions are appended, never changed: the latest per obligation counts.
CREATE TABLE case_decisions (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    jurisdiction    TEXT NOT NULL,
    obligation      TEXT NOT NULL,
    report_required INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    decided_by      TEXT NOT NULL,
    decided_at      TEXT NOT NULL
);
CREATE INDEX case_decisions_case ON case_decisions (case_id);
