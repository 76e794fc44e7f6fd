-- Advisories (SQLite): a document per vulnerability or group of them, for the releases it
-- covers, from draft through interim to final. Each publication of a changed document adds a
-- revision whose CSAF JSON is kept verbatim with its hashes, beside the OpenVEX and CycloneDX VEX
-- written from the same content, so what was published never changes after the fact.
-- Keep in step with migrations/postgres/0011_advisories.sql: same tables, same columns.
CREATE TABLE advisories (
    id          INTEGER PRIMARY KEY,
    tracking_id TEXT NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    title_en    TEXT NOT NULL,
    title_ja    TEXT NOT NULL,
    summary_en  TEXT NOT NULL,
    summary_ja  TEXT NOT NULL,
    lang        TEXT NOT NULL,
    tlp         TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX advisories_status ON advisories (status, tlp);

CREATE TABLE advisory_releases (
    advisory_id INTEGER NOT NULL REFERENCES advisories(id),
    release_id  INTEGER NOT NULL REFERENCES releases(id),
    UNIQUE (advisory_id, release_id)
);
CREATE INDEX advisory_releases_release ON advisory_releases (release_id);

CREATE TABLE advisory_vulns (
    advisory_id INTEGER NOT NULL REFERENCES advisories(id),
    position    INTEGER NOT NULL,
    vuln_id     TEXT NOT NULL,
    UNIQUE (advisory_id, vuln_id)
);

CREATE TABLE advisory_revisions (
    advisory_id  INTEGER NOT NULL REFERENCES advisories(id),
    number       INTEGER NOT NULL,
    date         TEXT NOT NULL,
    summary      TEXT NOT NULL,
    status       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    csaf         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    sha512       TEXT NOT NULL,
    published_by TEXT NOT NULL,
    UNIQUE (advisory_id, number)
);

-- The other VEX formats of a revision, one per covered release (they describe one product each).
CREATE TABLE advisory_files (
    advisory_id INTEGER NOT NULL REFERENCES advisories(id),
    number      INTEGER NOT NULL,
    release_id  INTEGER NOT NULL REFERENCES releases(id),
    format      TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (advisory_id, number, release_id, format)
);
