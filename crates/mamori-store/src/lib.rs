//! Mamori's store: SQLite (embedded default) and PostgreSQL.
