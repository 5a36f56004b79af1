-- OpenMeter's notification rules (ADR 0049): what to send, to which channels (endpoints of audience 'openmeter').
CREATE TABLE webhooks.notification_rules (
    id            uuid PRIMARY KEY,                 -- shown as a ULID
    namespace     uuid        NOT NULL,             -- the tenant; every read filters on it
    type          text        NOT NULL,             -- entitlements.balance.threshold | entitlements.reset | invoice.created | invoice.updated
    name          text        NOT NULL,
    disabled      boolean     NOT NULL,
    metadata      jsonb,
    thresholds    jsonb       NOT NULL,             -- [{"value": 80, "type": "usage_percentage"}], empty for other types
    feature_ids   uuid[]      NOT NULL,             -- empty = every feature
    feature_keys  text[]      NOT NULL,             -- the same features' keys, in the same order
    channel_ids   uuid[]      NOT NULL,             -- webhooks.endpoints.uuid
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    deleted_at    timestamptz
);
CREATE INDEX notification_rules_of_namespace ON webhooks.notification_rules (namespace, type) WHERE deleted_at IS NULL;
