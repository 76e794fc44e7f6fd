-- Feed files imported whole (issue 4): the same file name with the same SHA-256 is not read
-- again, so re-importing unchanged data costs a hash per file. `counts` holds the file's
-- records per source key (JSON), reported as unchanged when the file is skipped.
CREATE TABLE feed_files (
    file_name   TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    counts      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
