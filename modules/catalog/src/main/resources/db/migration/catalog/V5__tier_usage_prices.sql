-- Tollgate's paid tiers charge for the proxy's own usage beyond what they include (issue 15, ADR 0034): queries and
-- connection time, next to the data transfer already priced. Two features over the proxy's meters carry the usage;
-- their usage-based rate cards go on the open-ended (paid) phase of pro and scale, each a package price with the
-- included amount as a usage discount, so a month's invoice bills only what lies beyond it. Starter stays free (its
-- limits are hard), enterprise is priced per contract.
INSERT INTO catalog.features (id, namespace, key, name, metadata, meter_slug, created_at, updated_at) VALUES
    ('01937b00-0000-7000-8000-000000000011', '00000000-0000-0000-0000-000000000000', 'queries', 'Queries',
     '{"owner":"tollgate"}', 'proxy_queries', now(), now()),
    ('01937b00-0000-7000-8000-000000000012', '00000000-0000-0000-0000-000000000000', 'connection_seconds', 'Connection time',
     '{"owner":"tollgate"}', 'proxy_connection_seconds', now(), now());

UPDATE catalog.product_versions v
SET terms = jsonb_set(v.terms, ARRAY['phases', (jsonb_array_length(v.terms -> 'phases') - 1)::text, 'rateCards'],
        (v.terms #> ARRAY['phases', (jsonb_array_length(v.terms -> 'phases') - 1)::text, 'rateCards']) || jsonb_build_array(
            jsonb_build_object('type', 'usage_based', 'key', 'queries', 'name', 'Queries', 'featureKey', 'queries',
                'billingCadence', 'P1M',
                'price', jsonb_build_object('type', 'package', 'amount', r.per_million_queries, 'quantityPerPackage', '1000000'),
                'discounts', jsonb_build_object('usage', jsonb_build_object('quantity', r.included_queries))),
            jsonb_build_object('type', 'usage_based', 'key', 'connection_seconds', 'name', 'Connection time',
                'featureKey', 'connection_seconds', 'billingCadence', 'P1M',
                'price', jsonb_build_object('type', 'package', 'amount', r.per_connection_hour, 'quantityPerPackage', '3600'),
                'discounts', jsonb_build_object('usage', jsonb_build_object('quantity', r.included_connection_seconds))))),
    metadata = v.metadata || jsonb_build_object('overage_text', r.overage_text)
FROM (VALUES
    ('pro', '0.40', '50000000', '0.05', '720000',
     'Beyond the included 100 GiB, 50 M queries and 200 connection-hours a month: $0.09 per GiB, $0.40 per million queries, $0.05 per connection-hour.'),
    ('scale', '0.30', '500000000', '0.04', '7200000',
     'Beyond the included 1 TiB, 500 M queries and 2,000 connection-hours a month: $0.07 per GiB, $0.30 per million queries, $0.04 per connection-hour.'))
    AS r(plan_key, per_million_queries, included_queries, per_connection_hour, included_connection_seconds, overage_text)
WHERE v.namespace = '00000000-0000-0000-0000-000000000000' AND v.kind = 'plan' AND v.key = r.plan_key AND v.version = 1;
