-- Domain events that leave a module, written in the transaction of the change they announce (ADR 0028).
CREATE TABLE outbox.events (
    -- Commit order for one aggregate: its transactions are serialized by the aggregate's row lock, and an event is
    -- appended after the change it announces, so a later change of the same aggregate gets a higher position.
    position   bigserial PRIMARY KEY,
    id         uuid        NOT NULL UNIQUE,
    type       text        NOT NULL,
    aggregate  text        NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX events_created_at ON outbox.events (created_at);

-- One row per event a consumer has been given: the relay's memory, and the consumers' de-duplication by event id.
-- A node-scoped consumer is named "<consumer>@<node>", a cluster-scoped one by its name alone.
CREATE TABLE outbox.deliveries (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL REFERENCES outbox.events (id) ON DELETE CASCADE,
    delivered_at timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX deliveries_event ON outbox.deliveries (event_id);
