-- php-tenant's "entitlements": packages (system-namespace plans) provisioned into workspaces by a billing partner
-- (ADR 0014). The package's limits live as entitlements of the workspace's system customer, annotated with the
-- package id; this row is the provisioning record and its state machine.
CREATE TABLE entitlements.packages (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id      uuid        NOT NULL,
    partner_id           uuid        NOT NULL,
    product_key          text        NOT NULL,
    product_name         text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('active', 'suspended', 'cancelled')),
    status_reason        text,
    starts_at            timestamptz NOT NULL,
    expires_at           timestamptz,
    billing_cycle_anchor timestamptz,
    blesta_service_id    text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

-- A partner's retry of the same service provisions nothing twice.
CREATE UNIQUE INDEX packages_one_per_service ON entitlements.packages (partner_id, blesta_service_id) WHERE blesta_service_id IS NOT NULL;
CREATE INDEX packages_by_organization ON entitlements.packages (organization_id, id);

-- Usage that other applications record through php-tenant's recordUsage; each is also a metering event.
CREATE TABLE entitlements.usage_records (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid        NOT NULL,
    feature_key     text        NOT NULL,
    quantity        bigint      NOT NULL CHECK (quantity > 0),
    metadata        jsonb,
    recorded_by     uuid        NOT NULL,
    created_at      timestamptz NOT NULL
);
