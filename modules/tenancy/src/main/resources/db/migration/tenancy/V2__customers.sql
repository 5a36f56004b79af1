-- OpenMeter customers: who usage belongs to inside an organization's namespace.
CREATE TABLE tenancy.customers (
    id              uuid        PRIMARY KEY,
    -- An organization's id, or the platform's system namespace (whose customers are the organizations themselves).
    namespace       uuid        NOT NULL,
    name            text        NOT NULL,
    description     text,
    metadata        jsonb,
    key             text,
    subject_keys    text[]      NOT NULL DEFAULT '{}',
    primary_email   text,
    currency        text,
    billing_address jsonb,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz
);
CREATE INDEX customers_by_namespace ON tenancy.customers (namespace, created_at);

-- "One subject can only belong to one customer": every value usage is attributed by (the customer's key and its
-- subject keys) is claimed here by one live customer; the primary key makes a second claim a conflict, also under
-- concurrent requests.
CREATE TABLE tenancy.customer_attributions (
    namespace   uuid NOT NULL,
    value       text NOT NULL,
    customer_id uuid NOT NULL REFERENCES tenancy.customers (id) ON DELETE CASCADE,
    PRIMARY KEY (namespace, value)
);
CREATE INDEX customer_attributions_by_customer ON tenancy.customer_attributions (customer_id);
