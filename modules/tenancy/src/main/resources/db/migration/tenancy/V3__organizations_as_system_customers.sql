-- Every organization is a customer of the platform's system namespace (the nil UUID), keyed by its public id, so the
-- proxy's usage events (subject = the organization's public id) are attributed to it. New organizations get theirs
-- when they are created (WorkspaceService); this backfills the existing ones.
INSERT INTO tenancy.customers (id, namespace, name, key, primary_email, created_at, updated_at)
SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000000', o.name, o.public_id, o.billing_email, o.created_at, now()
FROM tenancy.organizations o
WHERE NOT EXISTS (SELECT 1 FROM tenancy.customers c
                  WHERE c.namespace = '00000000-0000-0000-0000-000000000000' AND c.key = o.public_id AND c.deleted_at IS NULL);

INSERT INTO tenancy.customer_attributions (namespace, value, customer_id)
SELECT c.namespace, c.key, c.id
FROM tenancy.customers c
WHERE c.namespace = '00000000-0000-0000-0000-000000000000' AND c.deleted_at IS NULL
ON CONFLICT DO NOTHING;
