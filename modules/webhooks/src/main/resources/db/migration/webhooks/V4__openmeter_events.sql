-- OpenMeter's notification events (ADR 0049): one per rule and triggering occurrence, delivered to the rule's channels
-- through webhooks.deliveries (source 'notification:<id>', message id = the event's ULID).
CREATE TABLE webhooks.notification_events (
    id           uuid PRIMARY KEY,                  -- shown as a ULID; the webhook-id of every delivery of it
    namespace    uuid        NOT NULL,
    rule_id      uuid        NOT NULL REFERENCES webhooks.notification_rules (id),
    type         text        NOT NULL,
    payload      text        NOT NULL,              -- {id, type, timestamp, data}: the body every channel receives
    feature_id   uuid,
    feature_key  text,
    subject_key  text,
    channel_ids  uuid[]      NOT NULL,              -- the channels it was sent to
    dedupe_key   text,                              -- what makes a trigger fire once (a threshold per usage period, an invoice change)
    created_at   timestamptz NOT NULL,
    UNIQUE (namespace, dedupe_key)
);
CREATE INDEX notification_events_of_namespace ON webhooks.notification_events (namespace, created_at);
