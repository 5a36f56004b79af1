-- OpenMeter entitlements of customers, their grants and their manual resets (ADR 0012). Entitlements and grants never
-- change after creation except to end them (deleted_at, voided_at); balances are computed from these rows and metered
-- usage, never stored.
CREATE TABLE entitlements.entitlements (
    id                        uuid        PRIMARY KEY,
    namespace                 uuid        NOT NULL,
    customer_id               uuid        NOT NULL,
    customer_key              text,
    subject_key               text,
    feature_id                uuid        NOT NULL,
    feature_key               text        NOT NULL,
    type                      text        NOT NULL CHECK (type IN ('metered', 'boolean', 'static')),
    metadata                  jsonb,
    annotations               jsonb,
    active_from               timestamptz NOT NULL,
    active_to                 timestamptz,
    is_soft_limit             boolean     NOT NULL DEFAULT false,
    issue_amount              numeric,
    issue_priority            integer     NOT NULL DEFAULT 1,
    preserve_overage_at_reset boolean     NOT NULL DEFAULT false,
    usage_period_interval     text,
    usage_period_anchor       timestamptz,
    measure_usage_from        timestamptz,
    config                    text,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    deleted_at                timestamptz
);

-- One live entitlement per customer and feature: two racing creations cannot both succeed.
CREATE UNIQUE INDEX entitlements_one_live ON entitlements.entitlements (namespace, customer_id, feature_key) WHERE deleted_at IS NULL;
CREATE INDEX entitlements_by_customer ON entitlements.entitlements (namespace, customer_id, created_at);

CREATE TABLE entitlements.grants (
    id                  uuid        PRIMARY KEY,
    namespace           uuid        NOT NULL,
    entitlement_id      uuid        NOT NULL REFERENCES entitlements.entitlements (id),
    amount              numeric     NOT NULL CHECK (amount > 0),
    priority            integer     NOT NULL,
    effective_at        timestamptz NOT NULL,
    expiration_duration text,
    expiration_count    integer,
    expires_at          timestamptz,
    max_rollover        numeric     NOT NULL,
    min_rollover        numeric     NOT NULL,
    recurrence_interval text,
    recurrence_anchor   timestamptz,
    metadata            jsonb,
    annotations         jsonb,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz,
    voided_at           timestamptz
);

CREATE INDEX grants_by_entitlement ON entitlements.grants (entitlement_id);
CREATE INDEX grants_by_namespace ON entitlements.grants (namespace, created_at);

CREATE TABLE entitlements.resets (
    id               uuid        PRIMARY KEY,
    entitlement_id   uuid        NOT NULL REFERENCES entitlements.entitlements (id),
    at               timestamptz NOT NULL,
    retain_anchor    boolean     NOT NULL,
    preserve_overage boolean,
    created_at       timestamptz NOT NULL
);

CREATE INDEX resets_by_entitlement ON entitlements.resets (entitlement_id, at);
