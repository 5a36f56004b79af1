-- PgBeam's billing state of an organization as the operator last reported it: SyncPlan's subscription status and
-- Stripe ids, SetEnterprisePlan's billing provider. Shown by GetOrganizationPlan; the tier itself stays in entitlements.
CREATE TABLE entitlements.organization_billing (
    organization_id        uuid PRIMARY KEY,
    billing_provider       text NOT NULL CHECK (billing_provider IN ('stripe', 'vercel', 'aws', 'manual')),
    subscription_status    text NOT NULL CHECK (subscription_status IN ('none', 'active', 'trialing', 'past_due', 'canceled', 'unpaid',
                                                                        'incomplete', 'incomplete_expired', 'paused')),
    stripe_customer_id     text,
    stripe_subscription_id text,
    updated_at             timestamptz NOT NULL
);
