-- OpenPGP signing keys (SQLite): the keys the CSAF provider folder signs every published document
-- with (CSAF 2.0 section 7.1, requirements 19 and 20). The secret key is stored armored, protected by
-- the passphrase from MAMORI_SIGNING_PASSPHRASE when one is set (`protected` says whether it is).
-- The active key is the newest one not retired; a retired key is kept so its public half and
-- history stay known.
-- Keep in step with migrations/postgres/0017_signing_keys.sql: same tables, same columns.
CREATE TABLE signing_keys (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    user_id     TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    secret_key  TEXT NOT NULL,
    protected   INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    retired_by  TEXT,
    retired_at  TEXT
);
