-- php-tenant's boost_expired when a boost runs out on its own (ADR 0048 addendum): a grant's natural expiry is announced
-- once, by whichever node claims it first. Grants that had already expired are taken as announced (no burst of old news).
ALTER TABLE entitlements.grants ADD COLUMN expiry_announced_at timestamptz;
UPDATE entitlements.grants SET expiry_announced_at = expires_at WHERE expires_at IS NOT NULL AND expires_at <= now();
CREATE INDEX grants_expiring_unannounced ON entitlements.grants (expires_at)
    WHERE expires_at IS NOT NULL AND expiry_announced_at IS NULL;
