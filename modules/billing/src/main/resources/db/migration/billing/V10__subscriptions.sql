-- Subscriptions: the window [active_from, active_to) decides the status against the clock; the plan's terms are copied
-- when the subscription starts (plan_* only name the catalog version, which may later be archived). `terms` holds
-- {"phases": [...]}, the phases and their items (each rate card as OpenMeter's JSON document): the subscription is saved
-- whole. billing_anchor is the anchor as given; the API shows its latest recurrence at or before active_from.
CREATE TABLE billing.subscriptions (
    id              uuid        PRIMARY KEY,
    namespace       uuid        NOT NULL,
    customer_id     text        NOT NULL,
    name            text        NOT NULL,
    description     text,
    metadata        jsonb,
    plan_id         uuid,
    plan_key        text,
    plan_version    integer,
    currency        text        NOT NULL,
    billing_cadence text        NOT NULL,
    pro_rating      boolean     NOT NULL,
    billing_anchor  timestamptz NOT NULL,
    active_from     timestamptz NOT NULL,
    active_to       timestamptz,
    annotations     jsonb       NOT NULL,
    terms           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    CHECK (active_to IS NULL OR active_to >= active_from),
    CHECK ((plan_id IS NULL) = (plan_key IS NULL) AND (plan_key IS NULL) = (plan_version IS NULL))
);

-- A customer's subscriptions, for the one-at-a-time rule and listCustomerSubscriptions.
CREATE INDEX subscriptions_of_customer ON billing.subscriptions (namespace, customer_id, active_from) WHERE deleted_at IS NULL;

-- Add-ons bought on a subscription: one row per add-on (OpenMeter's set is unique by addon id), its quantity over time
-- and the add-on's rate cards as bought in `terms` ({"timeline": [{activeFrom, activeTo, quantity}], "rateCards": [...]}).
CREATE TABLE billing.subscription_addons (
    id              uuid        PRIMARY KEY,
    namespace       uuid        NOT NULL,
    subscription_id uuid        NOT NULL REFERENCES billing.subscriptions (id),
    addon_id        uuid        NOT NULL,
    addon_key       text        NOT NULL,
    addon_version   integer     NOT NULL,
    instance_type   text        NOT NULL CHECK (instance_type IN ('single', 'multiple')),
    name            text        NOT NULL,
    description     text,
    metadata        jsonb,
    terms           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    UNIQUE (subscription_id, addon_id)
);
