-- OpenMeter consumer-portal tokens: a bearer secret (kept only as its SHA-256) that reads one subject's usage.
CREATE TABLE metering.portal_tokens (
    id                  uuid        PRIMARY KEY,
    namespace           uuid        NOT NULL,
    subject             text        NOT NULL,
    allowed_meter_slugs text[],
    token_hash          text        NOT NULL UNIQUE,
    expires_at          timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    invalidated_at      timestamptz
);
CREATE INDEX portal_tokens_by_namespace ON metering.portal_tokens (namespace, created_at DESC);
