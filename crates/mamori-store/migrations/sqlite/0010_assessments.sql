-- The rest of a finding's analysis (SQLite): who works on it, the discussion, the
-- patient-safety assessment, the MITRE rubric answers with who gave each, and each
-- release's environmental CVSS profile. The analysis state itself stays on findings.
-- Keep in step with migrations/postgres/0010_assessments.sql: same tables, same columns.
CREATE TABLE finding_comments (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX finding_comments_finding ON finding_comments (finding_id);

CREATE TABLE finding_assessments (
    finding_id      INTEGER PRIMARY KEY REFERENCES findings(id),
    assignee        TEXT,
    safety_risk     TEXT,
    safety_hazard   TEXT,
    safety_controls TEXT,
    safety_by       TEXT,
    safety_at       TEXT,
    rubric_answers  TEXT,
    rubric_vector   TEXT,
    updated_at      TEXT NOT NULL
);

CREATE TABLE release_environments (
    release_id INTEGER PRIMARY KEY REFERENCES releases(id),
    metrics    TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL
);
