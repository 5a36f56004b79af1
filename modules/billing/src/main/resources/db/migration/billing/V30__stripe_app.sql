-- The Stripe app (issue 16, ADR 0039). An installed Stripe app shows its account's public facts; its API key and
-- webhook signing secret are sealed with the master key (AES-256-GCM, the app id bound as associated data) and kept
-- apart from the app row, so nothing that reads apps ever holds them.
ALTER TABLE billing.apps
    ADD COLUMN stripe_account_id     text,
    ADD COLUMN stripe_livemode       boolean,
    ADD COLUMN stripe_masked_api_key text;

CREATE TABLE billing.stripe_app_secrets (
    app_id                uuid        PRIMARY KEY REFERENCES billing.apps (id),
    namespace             uuid        NOT NULL,
    api_key_sealed        text        NOT NULL,
    webhook_endpoint_id   text        NOT NULL,
    webhook_secret_sealed text        NOT NULL,
    updated_at            timestamptz NOT NULL
);

-- A customer's Stripe customer (and default payment method) under one Stripe app.
CREATE TABLE billing.stripe_customers (
    app_id                         uuid        NOT NULL REFERENCES billing.apps (id),
    customer_id                    uuid        NOT NULL,
    namespace                      uuid        NOT NULL,
    stripe_customer_id             text        NOT NULL,
    stripe_default_payment_method_id text,
    created_at                     timestamptz NOT NULL,
    updated_at                     timestamptz NOT NULL,
    PRIMARY KEY (app_id, customer_id)
);

CREATE INDEX stripe_customers_by_stripe_id ON billing.stripe_customers (app_id, stripe_customer_id);

-- Every verified webhook event, stored before it is acknowledged; the key makes a replay a no-op. The worker
-- processes pending ones (processed_at null) and records what it did.
CREATE TABLE billing.stripe_events (
    app_id          uuid        NOT NULL REFERENCES billing.apps (id),
    event_id        text        NOT NULL,
    namespace       uuid        NOT NULL,
    type            text        NOT NULL,
    payload         text        NOT NULL,
    received_at     timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    processed_at    timestamptz,
    outcome         text,
    PRIMARY KEY (app_id, event_id)
);

CREATE INDEX stripe_events_pending ON billing.stripe_events (next_attempt_at) WHERE processed_at IS NULL;
