-- Outbound webhooks (ADR 0048): endpoints of every dialect, and one durable delivery queue behind them.

CREATE TABLE webhooks.endpoints (
    id                    bigserial PRIMARY KEY,                -- php-tenant's integer webhook id
    uuid                  uuid        NOT NULL UNIQUE,
    organization_id       uuid        NOT NULL,                 -- the tenant; every read filters on it
    audience              text        NOT NULL,                 -- which dialect owns it: php-tenant, planetscale, openmeter
    scope                 text,                                 -- within the tenant, e.g. a PlanetScale database
    name                  text,
    url                   text        NOT NULL,
    events                text[]      NOT NULL,
    active                boolean     NOT NULL DEFAULT true,
    disabled_reason       text,                                 -- gone | circuit_open, set by deliveries
    max_attempts          integer     NOT NULL,
    failure_count         integer     NOT NULL DEFAULT 0,       -- consecutive failed attempts (circuit breaker)
    last_delivery_status  text,
    last_triggered_at     timestamptz,
    metadata              jsonb,
    custom_headers        jsonb,
    secret                text        NOT NULL,                 -- SecretBox ciphertext, bound to uuid
    previous_secret       text,                                 -- the rotated-out secret, valid until previous_secret_until
    previous_secret_until timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX endpoints_of_tenant ON webhooks.endpoints (organization_id, audience, scope, id);

CREATE TABLE webhooks.deliveries (
    id               bigserial PRIMARY KEY,                     -- php-tenant's integer delivery id
    uuid             uuid        NOT NULL UNIQUE,
    endpoint_id      bigint      NOT NULL REFERENCES webhooks.endpoints (id) ON DELETE CASCADE,
    message_id       text        NOT NULL,                      -- webhook-id: the same on every attempt
    source           text,                                      -- what caused it (an outbox event): one delivery per source and endpoint
    event_type       text        NOT NULL,
    payload          text        NOT NULL,                      -- the exact body that is signed and sent
    status           text        NOT NULL,                      -- pending | success | failed
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,                               -- due time while pending (also the claim's lease)
    http_status      integer,
    response         text,
    last_error       text,
    resent_manually  boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (endpoint_id, source)
);
CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_of_endpoint ON webhooks.deliveries (endpoint_id, id DESC);

CREATE TABLE webhooks.attempts (
    delivery_id   bigint      NOT NULL REFERENCES webhooks.deliveries (id) ON DELETE CASCADE,
    number        integer     NOT NULL,
    attempted_at  timestamptz NOT NULL,
    url           text        NOT NULL,
    status_code   integer,
    duration_ms   bigint      NOT NULL,
    body          text        NOT NULL,
    error         text,
    PRIMARY KEY (delivery_id, number)
);
