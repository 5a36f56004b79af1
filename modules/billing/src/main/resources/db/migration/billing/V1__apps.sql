-- Billing's apps (OpenMeter's sandbox, custom invoicing; Stripe later), per namespace. Uninstalling keeps the row
-- (deleted_at): profiles and invoices keep naming the apps they used.
CREATE TABLE billing.apps (
    id                       uuid        PRIMARY KEY,
    namespace                uuid        NOT NULL,
    type                     text        NOT NULL CHECK (type IN ('stripe', 'sandbox', 'custom_invoicing')),
    name                     text        NOT NULL,
    description              text,
    metadata                 jsonb,
    enable_draft_sync_hook   boolean     NOT NULL DEFAULT false,
    enable_issuing_sync_hook boolean     NOT NULL DEFAULT false,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    deleted_at               timestamptz
);

CREATE INDEX apps_installed ON billing.apps (namespace, created_at) WHERE deleted_at IS NULL;

-- What an app keeps about one customer (OpenMeter's CustomerAppData); customer ids are tenancy's (no cross-schema key).
CREATE TABLE billing.customer_app_data (
    id          uuid        PRIMARY KEY,
    namespace   uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    app_id      uuid        NOT NULL REFERENCES billing.apps (id),
    type        text        NOT NULL,
    metadata    jsonb,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (namespace, customer_id, app_id)
);
