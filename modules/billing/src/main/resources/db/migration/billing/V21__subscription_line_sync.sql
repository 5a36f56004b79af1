-- When each subscription's invoice lines must next be planned: after every change to the subscription (at once) and
-- whenever a new service period of one of its items starts. The invoice worker claims due rows with SKIP LOCKED.
CREATE TABLE billing.subscription_line_sync (
    subscription_id uuid        PRIMARY KEY,
    namespace       uuid        NOT NULL,
    next_sync_at    timestamptz NOT NULL
);
CREATE INDEX subscription_line_sync_due ON billing.subscription_line_sync (next_sync_at);
