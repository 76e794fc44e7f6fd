-- Feed downloads (`mamori db sync`): where each feed stopped, and a log of sync runs (SQLite).
-- Keep in step with migrations/postgres/0005_feed_sync.sql: same tables, same columns.

-- One row per feed (nvd, osv, kev, epss, jvn, csaf): the downloader's watermarks as JSON
-- text, written only after the files they cover were imported, so a failed or interrupted
-- sync resumes from the last imported unit.
CREATE TABLE feed_sync_state (
    source     TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per finished sync of one feed. Times are UTC, fixed width, so text order is
-- time order. `counts` is a JSON object of record counts by source key (`osv:PyPI`, `nvd`…).
CREATE TABLE feed_sync_runs (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'problems', 'failed')),
    files        BIGINT NOT NULL,
    not_modified BIGINT NOT NULL,
    refused      BIGINT NOT NULL,
    counts       TEXT NOT NULL,
    error        TEXT
);
CREATE INDEX feed_sync_runs_source ON feed_sync_runs (source, id);
