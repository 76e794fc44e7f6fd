-- Vulnerability reports (SQLite): what researchers, hospitals, suppliers, JPCERT/CC or the
-- maker's own testers send in, each with a tracking id and a secret status link for the
-- reporter, its attachments, and the thread between the reporter and the PSIRT. A report
-- becomes a case; the case carries the coordination facts (source, embargo, JVN and VU
-- numbers, agreed publication date) and the contact history with every party.
-- Keep in step with migrations/postgres/0016_reports.sql: same tables, same columns.
CREATE TABLE vuln_reports (
    id                INTEGER PRIMARY KEY,
    tracking_id       TEXT NOT NULL UNIQUE,
    year              INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    status_token_hash TEXT NOT NULL UNIQUE,
    source            TEXT NOT NULL,
    reporter_name     TEXT NOT NULL,
    reporter_email    TEXT NOT NULL,
    reporter_org      TEXT,
    lang              TEXT NOT NULL,
    product           TEXT NOT NULL,
    version           TEXT,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    credit            TEXT,
    status            TEXT NOT NULL,
    case_id           INTEGER REFERENCES cases(id),
    received_at       TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX vuln_reports_status ON vuln_reports (status, received_at);

CREATE TABLE vuln_report_attachments (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES vuln_reports(id),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX vuln_report_attachments_report ON vuln_report_attachments (report_id);

-- The thread the reporter sees on the status page (visible = 1) and the PSIRT's notes (0).
CREATE TABLE vuln_report_messages (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES vuln_reports(id),
    author     TEXT NOT NULL,
    from_psirt INTEGER NOT NULL,
    visible    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX vuln_report_messages_report ON vuln_report_messages (report_id, id);

ALTER TABLE cases ADD COLUMN source TEXT;
ALTER TABLE cases ADD COLUMN embargo_until TEXT;
ALTER TABLE cases ADD COLUMN jvn_id TEXT;
ALTER TABLE cases ADD COLUMN vu_number TEXT;
ALTER TABLE cases ADD COLUMN agreed_publication TEXT;

-- Contact history of a case: every exchange with the reporter, JPCERT/CC, suppliers,
-- hospitals or regulators, appended and never changed.
CREATE TABLE case_contacts (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    party      TEXT NOT NULL,
    channel    TEXT NOT NULL,
    direction  TEXT NOT NULL,
    summary    TEXT NOT NULL,
    at         TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX case_contacts_case ON case_contacts (case_id, id);
