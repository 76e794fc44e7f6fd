-- The job queue (SQLite): work the server does in the background (feed sync on a
-- schedule, re-matching after feed changes and uploads), kept in the database so it
-- survives restarts and several server processes can share it.
-- Keep in step with migrations/postgres/0008_jobs.sql: same tables, same columns.
--
-- Times are UTC text of fixed width (microseconds, `Z`), so text order is time order.
-- A job is claimable when it is `queued` or `failed` (waiting for its retry) and its
-- `run_at` has come, or when it is `running` and its lease (`locked_until`) ran out:
-- the worker holding it died. `attempts` counts the runs started, so a job that kills
-- its worker every time still ends `dead`.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'dead')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL CHECK (max_attempts >= 1),
    run_at       TEXT NOT NULL,
    locked_by    TEXT,
    locked_until TEXT,
    last_error   TEXT,
    dedupe_key   TEXT,
    created_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE INDEX jobs_status_run_at ON jobs (status, run_at);
CREATE INDEX jobs_kind ON jobs (kind, id);
-- At most one unfinished job per dedupe key; finished ones keep theirs as history.
CREATE UNIQUE INDEX jobs_dedupe_pending ON jobs (dedupe_key)
    WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running', 'failed');

-- Recurring jobs. `next_run_at` moves forward with a conditional UPDATE, so of several
-- processes looking at a due schedule exactly one enqueues its job.
CREATE TABLE job_schedules (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    every_seconds BIGINT NOT NULL CHECK (every_seconds >= 1),
    next_run_at   TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    max_attempts  BIGINT NOT NULL CHECK (max_attempts >= 1),
    created_at    TEXT NOT NULL
);
CREATE INDEX job_schedules_due ON job_schedules (enabled, next_run_at);
