-- VEX from suppliers (SQLite): each imported document, and the analyses its
-- claims suggest for matching findings until a person accepts or rejects them.
-- Keep in step with migrations/postgres/0019_vex_in.sql: same tables, same columns.

-- One row per distinct document (by the SHA-256 of its bytes): re-importing the
-- same bytes finds this row and changes nothing. `doc_id` and `doc_version`
-- are the document's own (serial number, @id, tracking id); a later version of
-- the same supplier's document supersedes the earlier one's pending suggestions.
CREATE TABLE vex_documents (
    id           INTEGER PRIMARY KEY,
    format       TEXT NOT NULL,
    supplier     TEXT NOT NULL,
    doc_id       TEXT,
    doc_version  TEXT,
    author       TEXT,
    issued_at    TEXT,
    sha256       TEXT NOT NULL UNIQUE,
    filename     TEXT,
    claims       INTEGER NOT NULL,
    matched      INTEGER NOT NULL,
    imported_by  TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);
CREATE INDEX vex_documents_doc ON vex_documents (supplier, doc_id);

-- An analysis a document suggests for one finding; `pointer` is the JSON
-- pointer of the claim in the document. Status: pending, accepted, rejected,
-- superseded (by a later version of the document).
CREATE TABLE vex_suggestions (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES vex_documents(id),
    finding_id    INTEGER NOT NULL REFERENCES findings(id),
    vulnerability TEXT NOT NULL,
    product       TEXT NOT NULL,
    state         TEXT NOT NULL,
    justification TEXT,
    response      TEXT,
    detail        TEXT,
    pointer       TEXT NOT NULL,
    status        TEXT NOT NULL,
    decided_by    TEXT,
    decided_at    TEXT,
    reason        TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (document_id, finding_id)
);
CREATE INDEX vex_suggestions_finding ON vex_suggestions (finding_id, status);
CREATE INDEX vex_suggestions_status ON vex_suggestions (status, document_id);
