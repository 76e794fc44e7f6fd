-- Continuous monitoring (PostgreSQL): a feed change finds the components of the open
-- findings naming a changed id by (SBOM, bom-ref); without this index each such
-- finding walked every component of its SBOM.
-- Keep in step with migrations/sqlite/0018_match_indexes.sql.
CREATE INDEX components_sbom_ref ON components (sbom_id, bom_ref);
