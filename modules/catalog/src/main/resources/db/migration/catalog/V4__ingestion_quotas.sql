-- Ingestion quotas per OpenMeter namespace (issue 12): each tier grants a rate of usage events per second with a
-- burst, as a static {"value": n, "burst": m} entitlement (0 = unlimited). Appended to every phase of the tier plans;
-- organizations receive it when their tier is next assigned, until then the node's default applies.
INSERT INTO catalog.features (id, namespace, key, name, metadata, meter_slug, created_at, updated_at) VALUES
    ('01937b00-0000-7000-8000-000000000010', '00000000-0000-0000-0000-000000000000', 'events_per_second',
     'Usage events ingested per second', '{"owner":"tollgate"}', NULL, now(), now());

UPDATE catalog.product_versions v
SET terms = jsonb_set(v.terms, '{phases}', (
        SELECT jsonb_agg(jsonb_set(p.phase, '{rateCards}', (p.phase -> 'rateCards') || jsonb_build_array(jsonb_build_object(
                'type', 'flat_fee', 'key', 'events_per_second', 'name', 'Usage events ingested per second',
                'featureKey', 'events_per_second',
                'entitlementTemplate', jsonb_build_object('type', 'static',
                        'config', format('{"value":%s,"burst":%s}', r.per_second, r.burst)),
                'billingCadence', NULL, 'price', NULL))) ORDER BY p.ord)
        FROM jsonb_array_elements(v.terms -> 'phases') WITH ORDINALITY AS p(phase, ord)))
FROM (VALUES ('starter', 50, 500), ('pro', 500, 5000), ('scale', 2000, 20000), ('enterprise', 0, 0)) AS r(plan_key, per_second, burst)
WHERE v.namespace = '00000000-0000-0000-0000-000000000000' AND v.kind = 'plan' AND v.key = r.plan_key;
