-- When each subscription's entitlements must next be brought in step with it (ADR 0034): at the next instant one of
-- its phases or items starts or ends, or it starts or ends. A change to the subscription syncs at once, in its own
-- transaction; the worker claims due rows with SKIP LOCKED, so several nodes may run it.
CREATE TABLE billing.subscription_entitlement_sync (
    subscription_id uuid        PRIMARY KEY,
    namespace       uuid        NOT NULL,
    next_sync_at    timestamptz NOT NULL
);
CREATE INDEX subscription_entitlement_sync_due ON billing.subscription_entitlement_sync (next_sync_at);
