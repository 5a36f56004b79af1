-- OpenMeter features: what entitlements and plans grant, per namespace (an organization, or the system namespace).
-- Features are never updated, only archived; a key is unique among the features that are not archived.
CREATE TABLE catalog.features (
    id                              uuid        PRIMARY KEY,
    namespace                       uuid        NOT NULL,
    key                             text        NOT NULL,
    name                            text        NOT NULL,
    metadata                        jsonb,
    meter_slug                      text,
    meter_group_by_filters          jsonb,
    advanced_meter_group_by_filters jsonb,
    unit_cost                       jsonb,
    created_at                      timestamptz NOT NULL,
    updated_at                      timestamptz NOT NULL,
    archived_at                     timestamptz
);

CREATE UNIQUE INDEX features_key_unique ON catalog.features (namespace, key) WHERE archived_at IS NULL;
CREATE INDEX features_by_meter ON catalog.features (namespace, meter_slug) WHERE archived_at IS NULL;
