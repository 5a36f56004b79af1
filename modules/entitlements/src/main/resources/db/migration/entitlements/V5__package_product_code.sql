-- The code a billing partner provisioned a package with (php-tenant's product_code, e.g. starter-plan), shown back to
-- it; product_key stays the catalog key the code names (starter_plan, ADR 0016).
ALTER TABLE entitlements.packages ADD COLUMN product_code text;
UPDATE entitlements.packages SET product_code = product_key;
ALTER TABLE entitlements.packages ALTER COLUMN product_code SET NOT NULL;
