-- TLP:AMBER advisories shared with named organizations (issue 7): a hospital or distributor
-- reads an AMBER advisory only when the maker has shared it with that organization. CLEAR and
-- GREEN ones reach the organizations running a covered release, and any shared with explicitly.
CREATE TABLE advisory_shares (
    advisory_id BIGINT NOT NULL REFERENCES advisories (id),
    org_id      BIGINT NOT NULL REFERENCES organizations (id),
    shared_by   TEXT NOT NULL,
    shared_at   TEXT NOT NULL,
    PRIMARY KEY (advisory_id, org_id)
);
CREATE INDEX advisory_shares_org ON advisory_shares (org_id);
