-- Vulnerability records of every feed, the keys the matcher looks them up by,
-- and the KEV / EPSS enrichment joined by CVE id (SQLite).
-- Keep in step with migrations/postgres/0002_vulnerabilities.sql: same tables, same columns.
-- Flags are 0/1 integers and dates ISO 8601 text on both backends.

-- One row per record of one feed (source + document + record id; `document`
-- is the CSAF tracking id, since advisories of two vendors may both describe
-- one CVE, and empty for feeds whose ids are unique); `record` is the whole
-- normalized record as JSON, so the matcher and reports can load it back.
CREATE TABLE vulnerabilities (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,
    source_key    TEXT NOT NULL,
    document      TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    id_key        TEXT NOT NULL,
    published     TEXT,
    modified      TEXT,
    withdrawn     TEXT,
    informational TEXT,
    sha256        TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    record        TEXT NOT NULL,
    UNIQUE (source, document, record_id)
);
CREATE INDEX vulnerabilities_id_key ON vulnerabilities (id_key);
CREATE INDEX vulnerabilities_source_key ON vulnerabilities (source_key);

-- Record id <-> alias id (upper-cased keys), walked both ways to group
-- CVE, GHSA, JVNDB and vendor ids that name the same issue.
CREATE TABLE vuln_aliases (
    vuln_id   INTEGER NOT NULL REFERENCES vulnerabilities(id),
    id_key    TEXT NOT NULL,
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL
);
CREATE INDEX vuln_aliases_vuln ON vuln_aliases (vuln_id);
CREATE INDEX vuln_aliases_id ON vuln_aliases (id_key, alias_key);
CREATE INDEX vuln_aliases_alias ON vuln_aliases (alias_key, id_key);

-- OSV affected packages, looked up by (ecosystem, normalized name); `ranges`
-- is compact JSON of the ranges and explicit versions as the feed wrote them.
CREATE TABLE vuln_packages (
    vuln_id       INTEGER NOT NULL REFERENCES vulnerabilities(id),
    ecosystem     TEXT NOT NULL,
    ecosystem_full TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_as_given TEXT NOT NULL,
    purl          TEXT,
    ranges        TEXT NOT NULL
);
CREATE INDEX vuln_packages_key ON vuln_packages (ecosystem, name);
CREATE INDEX vuln_packages_vuln ON vuln_packages (vuln_id);

-- NVD cpeMatch rows with their place in the configuration tree
-- (configuration, node, match), looked up by the CPE's (vendor, product).
CREATE TABLE vuln_cpes (
    vuln_id        INTEGER NOT NULL REFERENCES vulnerabilities(id),
    vendor         TEXT NOT NULL,
    product        TEXT NOT NULL,
    config_idx     INTEGER NOT NULL,
    node_idx       INTEGER NOT NULL,
    match_idx      INTEGER NOT NULL,
    criteria       TEXT NOT NULL,
    vulnerable     INTEGER NOT NULL,
    start_including TEXT,
    start_excluding TEXT,
    end_including  TEXT,
    end_excluding  TEXT,
    match_criteria_id TEXT
);
CREATE INDEX vuln_cpes_key ON vuln_cpes (vendor, product);
CREATE INDEX vuln_cpes_vuln ON vuln_cpes (vuln_id);

-- Named products of CSAF product trees, JVN items and CVE 5 affected[]:
-- vendor and product as written (and lower-cased keys), the CPE's vendor and
-- product when one is given, and the rest (versions, status…) as JSON.
CREATE TABLE vuln_products (
    vuln_id      INTEGER NOT NULL REFERENCES vulnerabilities(id),
    kind         TEXT NOT NULL,
    vendor       TEXT,
    product      TEXT,
    vendor_key   TEXT,
    product_key  TEXT,
    cpe          TEXT,
    cpe_vendor   TEXT,
    cpe_product  TEXT,
    purl         TEXT,
    detail       TEXT NOT NULL
);
CREATE INDEX vuln_products_vuln ON vuln_products (vuln_id);
CREATE INDEX vuln_products_name ON vuln_products (vendor_key, product_key);
CREATE INDEX vuln_products_cpe ON vuln_products (cpe_vendor, cpe_product);

-- The CISA KEV catalog, one row per CVE.
CREATE TABLE kev_entries (
    cve_key        TEXT PRIMARY KEY,
    cve            TEXT NOT NULL,
    date_added     TEXT,
    due_date       TEXT,
    ransomware_use INTEGER,
    sha256         TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    record         TEXT NOT NULL
);

-- EPSS scores, the latest per CVE.
CREATE TABLE epss_scores (
    cve_key       TEXT PRIMARY KEY,
    cve           TEXT NOT NULL,
    score         REAL NOT NULL,
    percentile    REAL NOT NULL,
    score_date    TEXT,
    model_version TEXT,
    file_name     TEXT NOT NULL,
    imported_at   TEXT NOT NULL
);
