-- The hospital portal (SQLite): inquiries a hospital's user opens ("does CVE-X affect our
-- devices?", "please send the MDS2 for model Y"), their threads with attachments, and the
-- disclosure documents (MDS2, MDS/SDS) kept per release and form as revisions of answers, of
-- which the latest approved one is what hospitals see.
-- Keep in step with migrations/postgres/0015_portal.sql: same tables, same columns.
CREATE TABLE inquiries (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations(id),
    asked_by        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    release_id      INTEGER REFERENCES releases(id),
    vuln_id         TEXT,
    status          TEXT NOT NULL,
    ack_due_at      TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX inquiries_org ON inquiries (org_id, id);
CREATE INDEX inquiries_status ON inquiries (status, acknowledged_at);

CREATE TABLE inquiry_messages (
    id         INTEGER PRIMARY KEY,
    inquiry_id INTEGER NOT NULL REFERENCES inquiries(id),
    from_psirt INTEGER NOT NULL,
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX inquiry_messages_inquiry ON inquiry_messages (inquiry_id, id);

CREATE TABLE inquiry_attachments (
    id         INTEGER PRIMARY KEY,
    inquiry_id INTEGER NOT NULL REFERENCES inquiries(id),
    message_id INTEGER NOT NULL REFERENCES inquiry_messages(id),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL
);
CREATE INDEX inquiry_attachments_message ON inquiry_attachments (message_id);

CREATE TABLE disclosure_revisions (
    id          INTEGER PRIMARY KEY,
    release_id  INTEGER NOT NULL REFERENCES releases(id),
    form_id     TEXT NOT NULL,
    number      INTEGER NOT NULL,
    answers     TEXT NOT NULL,
    comment     TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    approved_by TEXT,
    approved_at TEXT,
    UNIQUE (release_id, form_id, number)
);

-- A document shared with an organization that does not (yet) run the release, e.g. for a purchase.
CREATE TABLE disclosure_shares (
    release_id INTEGER NOT NULL REFERENCES releases(id),
    form_id    TEXT NOT NULL,
    org_id     INTEGER NOT NULL REFERENCES organizations(id),
    shared_by  TEXT NOT NULL,
    shared_at  TEXT NOT NULL,
    UNIQUE (release_id, form_id, org_id)
);
CREATE INDEX disclosure_shares_org ON disclosure_shares (org_id);
