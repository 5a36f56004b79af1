-- Organizations show the name of their Tollgate tier (ADR 0011); those created before tiers existed start on starter.
UPDATE tenancy.organizations SET plan = 'starter' WHERE plan = 'free';
