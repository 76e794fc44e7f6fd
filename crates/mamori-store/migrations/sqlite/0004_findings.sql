-- Continuous monitoring (SQLite): what every stored component and record is
-- matched by, the findings of every release kept up to date, their events,
-- and the triage rules that carry decisions over to other releases.
-- Keep in step with migrations/postgres/0004_findings.sql: same tables, same columns.

-- Markers of one-time work done by the code after a migration (backfills).
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Each record under the keys the matcher looks records up by
-- (mamori_match::IndexedRecord::storage_keys): a changed record's keys find
-- the components it can touch.
CREATE TABLE vuln_match_keys (
    vuln_id INTEGER NOT NULL REFERENCES vulnerabilities(id),
    key     TEXT NOT NULL
);
CREATE INDEX vuln_match_keys_key ON vuln_match_keys (key);
CREATE INDEX vuln_match_keys_vuln ON vuln_match_keys (vuln_id);

-- What matching needs of each stored component, as JSON (purl and CPE as
-- written, vendor names, kind, first-party reason); `platform` marks the
-- components that describe the platform (an OS or device kind, or a CPE).
CREATE TABLE component_match (
    component_id INTEGER PRIMARY KEY REFERENCES components(id),
    sbom_id      INTEGER NOT NULL REFERENCES sboms(id),
    platform     INTEGER NOT NULL,
    identity     TEXT NOT NULL
);
CREATE INDEX component_match_sbom ON component_match (sbom_id, platform);

-- The search keys of the components of each release's current SBOM only:
-- rows of a release's older SBOM versions are removed when a new one arrives.
CREATE TABLE component_keys (
    release_id   INTEGER NOT NULL REFERENCES releases(id),
    sbom_id      INTEGER NOT NULL REFERENCES sboms(id),
    component_id INTEGER NOT NULL REFERENCES components(id),
    key          TEXT NOT NULL
);
CREATE INDEX component_keys_key ON component_keys (key);
CREATE INDEX component_keys_release ON component_keys (release_id);

-- One finding per release, component (bom-ref) and vulnerability group.
-- `detail` is the finding object `mamori scan --format json` prints; the other
-- columns are what lists filter and sort by. A finding that no longer matches
-- is resolved, never deleted, so its triage and history stay.
CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    release_id    INTEGER NOT NULL REFERENCES releases(id),
    sbom_id       INTEGER NOT NULL REFERENCES sboms(id),
    bom_ref       TEXT NOT NULL,
    component     TEXT NOT NULL,
    vuln_group    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    severity      TEXT NOT NULL,
    score         REAL,
    kev           INTEGER NOT NULL,
    epss          REAL,
    status        TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    detail        TEXT NOT NULL,
    state         TEXT NOT NULL,
    justification TEXT,
    response      TEXT,
    analysis      TEXT,
    state_by      TEXT,
    state_at      TEXT,
    rule_id       INTEGER,
    priority      TEXT,
    due           TEXT,
    first_seen    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    resolved_at   TEXT,
    UNIQUE (release_id, bom_ref, vuln_group)
);
CREATE INDEX findings_release ON findings (release_id, status);
CREATE INDEX findings_open ON findings (status, severity);

-- Every id of a finding's group (upper-cased), for `affected ID`.
CREATE TABLE finding_ids (
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    id_key     TEXT NOT NULL
);
CREATE INDEX finding_ids_key ON finding_ids (id_key);
CREATE INDEX finding_ids_finding ON finding_ids (finding_id);

-- New, changed, resolved and reopened findings, in order: what notifications read.
CREATE TABLE finding_events (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    release_id INTEGER NOT NULL REFERENCES releases(id),
    kind       TEXT NOT NULL,
    time       TEXT NOT NULL,
    cause      TEXT NOT NULL,
    detail     TEXT NOT NULL
);
CREATE INDEX finding_events_finding ON finding_events (finding_id);

-- Triage decisions that carry over: an analysis for a component (purl
-- without version, or name) and a vulnerability id, for one product or all,
-- until it expires or is revoked.
CREATE TABLE triage_rules (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER REFERENCES products(id),
    component     TEXT NOT NULL,
    vuln_key      TEXT NOT NULL,
    state         TEXT NOT NULL,
    justification TEXT,
    response      TEXT,
    analysis      TEXT,
    reason        TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT,
    revoked_at    TEXT
);
CREATE INDEX triage_rules_key ON triage_rules (vuln_key, component);
