-- The installed base (SQLite): each organization's sites, the distributors and leasing
-- companies that serve a hospital, what a hospital declares about each device (site,
-- network exposure, remote maintenance, notes) and each device's history (release
-- changes, i.e. patches applied, and decommissioning: who and when), which tells a
-- patched device from one that never ran an affected release.
-- Keep in step with migrations/postgres/0013_installed_base.sql: same tables, same columns.
CREATE TABLE sites (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organizations(id),
    name       TEXT NOT NULL,
    address    TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

-- A distributor or leasing company serving a hospital sees that hospital's installed base.
CREATE TABLE org_service (
    provider_id INTEGER NOT NULL REFERENCES organizations(id),
    hospital_id INTEGER NOT NULL REFERENCES organizations(id),
    created_at  TEXT NOT NULL,
    UNIQUE (provider_id, hospital_id)
);
CREATE INDEX org_service_hospital ON org_service (hospital_id);

ALTER TABLE installed_devices ADD COLUMN site_id INTEGER REFERENCES sites(id);
ALTER TABLE installed_devices ADD COLUMN network_exposure TEXT;
ALTER TABLE installed_devices ADD COLUMN remote_maintenance TEXT;
ALTER TABLE installed_devices ADD COLUMN notes TEXT;
ALTER TABLE installed_devices ADD COLUMN updated_at TEXT;

-- A serial number names one device of an organization, whatever release it runs now.
CREATE UNIQUE INDEX installed_devices_serial ON installed_devices (org_id, serial);
-- The impact query reads the devices in service on a set of releases: a covering range scan.
CREATE INDEX installed_devices_impact ON installed_devices (release_id, decommissioned_on, org_id, site_id);

CREATE TABLE device_history (
    id              INTEGER PRIMARY KEY,
    device_id       INTEGER NOT NULL REFERENCES installed_devices(id),
    kind            TEXT NOT NULL,
    from_release_id INTEGER REFERENCES releases(id),
    to_release_id   INTEGER REFERENCES releases(id),
    on_date         TEXT,
    actor           TEXT NOT NULL,
    at              TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX device_history_device ON device_history (device_id);
-- "Was on an affected release and moved off it": from the releases to the devices.
CREATE INDEX device_history_from ON device_history (from_release_id, device_id);
