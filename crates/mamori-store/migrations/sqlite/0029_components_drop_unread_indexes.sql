-- No statement reads components by name or by purl_key through an index: the portfolio
-- questions go through component_keys, the impact query compares LOWER(name), and the
-- purl prefix search uses LIKE, none of which these indexes serve. components_sbom is
-- the first column of components_sbom_ref. Each of the three still cost a write per
-- component, two of them at random places: an upload of 3,000 components into a
-- portfolio of two million dirtied thousands of index pages for nothing (issue 8).
DROP INDEX components_name;
DROP INDEX components_purl_key;
DROP INDEX components_sbom;
