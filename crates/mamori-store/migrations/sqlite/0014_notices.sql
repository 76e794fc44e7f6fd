-- Notices (SQLite): what the maker tells each hospital about a published advisory or a release's
-- coming end of support, which of its devices in service it concerns, whether the hospital
-- acknowledged it and what it did per device, the reminders sent, and the e-mail outbox the
-- delivery job drains (one message per hospital user, in the user's language).
-- Keep in step with migrations/postgres/0014_notices.sql: same tables, same columns.
CREATE TABLE notices (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES organizations(id),
    kind             TEXT NOT NULL,
    advisory_id      INTEGER REFERENCES advisories(id),
    release_id       INTEGER REFERENCES releases(id),
    -- 'advisory:ID' or 'eos:RELEASE': one notice per organization and subject.
    subject          TEXT NOT NULL,
    state            TEXT NOT NULL,
    round            INTEGER NOT NULL,
    queued_at        TEXT NOT NULL,
    sent_at          TEXT,
    acknowledged_by  TEXT,
    acknowledged_at  TEXT,
    reminders        INTEGER NOT NULL,
    last_reminded_at TEXT,
    created_by       TEXT NOT NULL,
    UNIQUE (org_id, subject)
);
CREATE INDEX notices_advisory ON notices (advisory_id);
CREATE INDEX notices_state ON notices (state, queued_at);

CREATE TABLE notice_devices (
    notice_id    INTEGER NOT NULL REFERENCES notices(id),
    device_id    INTEGER NOT NULL REFERENCES installed_devices(id),
    response     TEXT,
    note         TEXT,
    responded_by TEXT,
    responded_at TEXT,
    UNIQUE (notice_id, device_id)
);

CREATE TABLE notice_outbox (
    id              INTEGER PRIMARY KEY,
    notice_id       INTEGER NOT NULL REFERENCES notices(id),
    user_id         INTEGER REFERENCES users(id),
    purpose         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    lang            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_until   TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX notice_outbox_due ON notice_outbox (status, next_attempt_at);
CREATE INDEX notice_outbox_notice ON notice_outbox (notice_id);
