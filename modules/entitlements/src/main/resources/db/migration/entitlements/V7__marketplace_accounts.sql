-- Marketplace purchases (ADR 0044): a Vercel installation or an AWS Marketplace subscription, the organization it
-- became and the tier it bought. The organization's billing state (provider vercel/aws, status) stays in
-- organization_billing; this is the vendor's side of the link.
CREATE TABLE entitlements.marketplace_accounts (
    id                  uuid PRIMARY KEY,
    provider            text NOT NULL CHECK (provider IN ('vercel', 'aws')),
    -- Vercel's installation id (icfg_...); AWS's customer identifier.
    external_id         text NOT NULL,
    -- Null while an AWS subscription is resolved but not yet claimed by an organization.
    organization_id     uuid,
    -- Vercel's account_id; AWS's customer account id.
    vendor_account_id   text,
    -- AWS's product code (Vercel's product is named per request).
    product_code        text,
    plan                text NOT NULL,
    status              text NOT NULL CHECK (status IN ('none', 'active', 'trialing', 'past_due', 'canceled', 'unpaid',
                                                        'incomplete', 'incomplete_expired', 'paused')),
    -- Vercel's installation access token, sealed with the master key (SecretBox, bound to this row's id).
    access_token_sealed text,
    -- AWS: SHA-256 of the one-time token that lets a signed-in user claim the subscription.
    claim_token_hash    text UNIQUE,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    ended_at            timestamptz,
    UNIQUE (provider, external_id)
);
CREATE INDEX marketplace_accounts_organization ON entitlements.marketplace_accounts (organization_id);

-- Resources a Vercel installation provisioned. The tier is the organization's, so a resource's plan is its
-- installation's; the row keeps what Vercel named and asked for.
CREATE TABLE entitlements.vercel_resources (
    id              text PRIMARY KEY,
    installation_id text NOT NULL,
    product_id      text NOT NULL,
    name            text NOT NULL,
    metadata        jsonb NOT NULL,
    -- Vercel's Idempotency-Key of the provisioning call: a retry gets the resource the first call made.
    idempotency_key text,
    created_at      timestamptz NOT NULL,
    deleted_at      timestamptz
);
CREATE INDEX vercel_resources_installation ON entitlements.vercel_resources (installation_id);
CREATE UNIQUE INDEX vercel_resources_idempotency ON entitlements.vercel_resources (installation_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- What usage was reported to a vendor, per account, hour and dimension: a row is written in the transaction that
-- sends it, so a rerun (or a second node) never sends an hour twice.
CREATE TABLE entitlements.marketplace_usage_reports (
    provider    text NOT NULL,
    external_id text NOT NULL,
    hour        timestamptz NOT NULL,
    dimension   text NOT NULL,
    quantity    numeric NOT NULL,
    reported_at timestamptz NOT NULL,
    PRIMARY KEY (provider, external_id, hour, dimension)
);
