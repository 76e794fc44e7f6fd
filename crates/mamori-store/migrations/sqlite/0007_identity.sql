-- Identity and tenancy (SQLite): organizations (the maker, hospitals, distributors),
-- users with Argon2id password hashes and one role each, server-side sessions,
-- API tokens, and the installed devices that decide what a hospital may see.
-- Secrets are never stored: sessions and tokens keep only the SHA-256 of the value.
-- Keep in step with migrations/postgres/0007_identity.sql: same tables, same columns.
CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    org_id         INTEGER NOT NULL REFERENCES organizations(id),
    role           TEXT NOT NULL,
    lang           TEXT NOT NULL,
    disabled       INTEGER NOT NULL,
    failed_logins  INTEGER NOT NULL,
    locked_until   TEXT,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    csrf_token   TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The devices a hospital runs: what ties a hospital to the releases it may see.
CREATE TABLE installed_devices (
    id                INTEGER PRIMARY KEY,
    org_id            INTEGER NOT NULL REFERENCES organizations(id),
    release_id        INTEGER NOT NULL REFERENCES releases(id),
    serial            TEXT NOT NULL,
    site              TEXT,
    location          TEXT,
    installed_on      TEXT,
    decommissioned_on TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (org_id, release_id, serial)
);
CREATE INDEX installed_devices_release ON installed_devices (release_id);
