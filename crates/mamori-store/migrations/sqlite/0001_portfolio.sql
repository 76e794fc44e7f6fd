-- Products, releases, SBOM documents and their normalized components (SQLite).
-- Keep in step with migrations/postgres/0001_portfolio.sql: same tables, same columns.
CREATE TABLE products (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    vendor     TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE releases (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products(id),
    version      TEXT NOT NULL,
    ga           TEXT,
    end_of_sale  TEXT,
    end_of_support TEXT,
    end_of_life  TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (product_id, version)
);

-- Documents exactly as received (or, for merged views, as Mamori rendered them).
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL,
    spec_version TEXT NOT NULL,
    filename    TEXT,
    size        BIGINT NOT NULL,
    content     BLOB NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX documents_sha256 ON documents (sha256);

-- Every document attached to a release: the maker's own SBOMs and suppliers' SBOMs.
CREATE TABLE release_documents (
    id          INTEGER PRIMARY KEY,
    release_id  INTEGER NOT NULL REFERENCES releases(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    supplier    TEXT,
    attached_at TEXT NOT NULL,
    attached_by TEXT NOT NULL
);
CREATE INDEX release_documents_release ON release_documents (release_id);

-- Versions of a release's merged SBOM. A row is never changed once approved;
-- any change to the release's SBOM makes a new version.
CREATE TABLE sboms (
    id           INTEGER PRIMARY KEY,
    release_id   INTEGER NOT NULL REFERENCES releases(id),
    version      INTEGER NOT NULL,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    serial_number TEXT,
    component_count BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    approved_at  TEXT,
    approved_by  TEXT,
    UNIQUE (release_id, version)
);

CREATE TABLE components (
    id          INTEGER PRIMARY KEY,
    sbom_id     INTEGER NOT NULL REFERENCES sboms(id),
    idx         INTEGER NOT NULL,
    bom_ref     TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     TEXT,
    grp         TEXT,
    purl        TEXT,
    purl_key    TEXT,
    cpe         TEXT,
    supplier    TEXT,
    provenance  TEXT,
    first_party INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX components_sbom ON components (sbom_id);
CREATE INDEX components_purl_key ON components (purl_key);
CREATE INDEX components_name ON components (name);

CREATE TABLE relationships (
    sbom_id  INTEGER NOT NULL REFERENCES sboms(id),
    from_ref TEXT NOT NULL,
    kind     TEXT NOT NULL,
    to_ref   TEXT NOT NULL
);
CREATE INDEX relationships_sbom ON relationships (sbom_id);

-- An approved SBOM never changes: refuse edits at the lowest level too.
CREATE TRIGGER sboms_approved_immutable BEFORE UPDATE ON sboms
WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'approved sbom is immutable');
END;
CREATE TRIGGER components_approved_immutable BEFORE UPDATE ON components
WHEN (SELECT approved_at FROM sboms WHERE id = OLD.sbom_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'approved sbom is immutable');
END;
CREATE TRIGGER components_approved_undeletable BEFORE DELETE ON components
WHEN (SELECT approved_at FROM sboms WHERE id = OLD.sbom_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'approved sbom is immutable');
END;
