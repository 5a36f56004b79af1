-- A package is a tier plan or an add-on of the system namespace (ADR 0014): an add-on's allowances stack on the tier.
ALTER TABLE entitlements.packages ADD COLUMN product_kind text NOT NULL DEFAULT 'plan' CHECK (product_kind IN ('plan', 'addon'));
