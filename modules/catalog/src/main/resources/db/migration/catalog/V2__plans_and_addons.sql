-- Plans and add-ons: every version of every key, in one table since they share their lifecycle. `terms` holds what
-- differs (a plan's cadence and phases, an add-on's instance type and rate cards) in OpenMeter's JSON shape.
-- Status is derived from effective_from/effective_to and the clock; only drafts (no effective_from) change.
CREATE TABLE catalog.product_versions (
    id             uuid        PRIMARY KEY,
    namespace      uuid        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('plan', 'addon')),
    key            text        NOT NULL,
    version        integer     NOT NULL CHECK (version >= 1),
    name           text        NOT NULL,
    description    text,
    metadata       jsonb,
    currency       text        NOT NULL,
    terms          jsonb       NOT NULL,
    effective_from timestamptz,
    effective_to   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    UNIQUE (namespace, kind, key, version)
);

-- One draft per key: two racing "create next version" requests cannot both succeed.
CREATE UNIQUE INDEX product_versions_one_draft ON catalog.product_versions (namespace, kind, key)
    WHERE effective_from IS NULL AND deleted_at IS NULL;

-- The add-ons each plan version offers; an add-on is offered at most once per plan version.
CREATE TABLE catalog.plan_addons (
    id              uuid        PRIMARY KEY,
    namespace       uuid        NOT NULL,
    plan_id         uuid        NOT NULL REFERENCES catalog.product_versions (id),
    addon_id        uuid        NOT NULL REFERENCES catalog.product_versions (id),
    metadata        jsonb,
    from_plan_phase text        NOT NULL,
    max_quantity    integer,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz
);

CREATE UNIQUE INDEX plan_addons_once ON catalog.plan_addons (plan_id, addon_id) WHERE deleted_at IS NULL;
