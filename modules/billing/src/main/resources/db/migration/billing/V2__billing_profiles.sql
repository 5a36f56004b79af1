-- The namespaces billing has set up: a sandbox app and a default profile are created with this row, once
-- (INSERT ... ON CONFLICT DO NOTHING); the row is also the namespace's lock for billing writes.
CREATE TABLE billing.namespaces (
    namespace  uuid        PRIMARY KEY,
    created_at timestamptz NOT NULL
);

-- Billing profiles: supplier (OpenMeter's BillingParty as jsonb), workflow in columns, the three apps.
CREATE TABLE billing.profiles (
    id                  uuid        PRIMARY KEY,
    namespace           uuid        NOT NULL,
    name                text        NOT NULL,
    description         text,
    metadata            jsonb,
    supplier            jsonb       NOT NULL,
    collection_alignment text       NOT NULL CHECK (collection_alignment IN ('subscription', 'anchored')),
    recurring_interval  text,
    recurring_anchor    timestamptz,
    collection_interval text        NOT NULL,
    auto_advance        boolean     NOT NULL,
    draft_period        text        NOT NULL,
    due_after           text        NOT NULL,
    progressive_billing boolean     NOT NULL,
    default_tax_config  jsonb,
    collection_method   text        NOT NULL,
    tax_enabled         boolean     NOT NULL,
    tax_enforced        boolean     NOT NULL,
    tax_app_id          uuid        NOT NULL REFERENCES billing.apps (id),
    invoicing_app_id    uuid        NOT NULL REFERENCES billing.apps (id),
    payment_app_id      uuid        NOT NULL REFERENCES billing.apps (id),
    is_default          boolean     NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz
);

-- Exactly one live default per namespace: the service moves it under the namespace lock, the index has the last word.
CREATE UNIQUE INDEX profiles_one_default ON billing.profiles (namespace) WHERE is_default AND deleted_at IS NULL;
CREATE INDEX profiles_by_namespace ON billing.profiles (namespace, created_at);

-- A customer's own profile; billing_profile_id null follows whichever profile is the default.
CREATE TABLE billing.customer_overrides (
    customer_id        uuid        PRIMARY KEY,
    namespace          uuid        NOT NULL,
    billing_profile_id uuid        REFERENCES billing.profiles (id),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX customer_overrides_by_profile ON billing.customer_overrides (namespace, billing_profile_id);
