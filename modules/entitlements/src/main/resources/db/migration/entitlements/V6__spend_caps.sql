-- An organization's monthly cap on the usage-based charges of its tier subscription (PgBeam's spend_limit, Centrali's
-- overage settings; ADR 0041). The billing engine prices the period's usage and reports it here (charges, period);
-- reached is what the proxy consults. A row exists once a cap or an overage setting was ever set.
CREATE TABLE entitlements.spend_caps (
    organization_id        uuid PRIMARY KEY,
    organization_public_id text NOT NULL UNIQUE,
    spend_limit            numeric CHECK (spend_limit >= 0),
    overage_enabled        boolean NOT NULL,
    overage_enabled_at     timestamptz,
    charges                numeric NOT NULL,
    currency               text,
    period_start           timestamptz,
    period_end             timestamptz,
    alerted_percent        integer NOT NULL,
    reached                boolean NOT NULL,
    evaluated_at           timestamptz,
    updated_at             timestamptz NOT NULL
);

-- PgBeam's SubmitCancellationFeedback: what a billing admin said when cancelling (both fields optional), kept as given.
CREATE TABLE entitlements.cancellation_feedback (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL,
    user_id         uuid,
    credential_id   text,
    reason          text,
    feedback        text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX cancellation_feedback_organization ON entitlements.cancellation_feedback (organization_id, created_at);
