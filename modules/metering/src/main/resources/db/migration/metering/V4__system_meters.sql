-- The meters of what Tollgate itself sells, in the system namespace (the nil UUID, MeteringApi.SYSTEM_NAMESPACE).
-- The proxy reports one 'tollgate.proxy.usage' event per project, database and flush interval; its subject is the
-- organization's public id (every organization is a customer of the system namespace under that key). PgBeam's
-- GetOrganizationUsage and GetProjectUsage read these meters.
INSERT INTO metering.meters (id, namespace, slug, name, description, aggregation, event_type, value_property, group_by,
                             created_at, updated_at)
SELECT m.id::uuid, '00000000-0000-0000-0000-000000000000', m.slug, m.name, m.description, 'SUM', 'tollgate.proxy.usage',
       m.value_property, '{"project_id": "$.project_id", "database_id": "$.database_id", "region": "$.region"}'::jsonb,
       now(), now()
FROM (VALUES
    ('01937a00-0000-7000-8000-000000000001', 'proxy_queries', 'Proxy queries',
     'Simple queries and extended-protocol executions relayed to the upstream', '$.queries'),
    ('01937a00-0000-7000-8000-000000000002', 'proxy_bytes_to_client', 'Proxy bytes to clients',
     'Bytes the proxy sent to clients', '$.bytes_to_client'),
    ('01937a00-0000-7000-8000-000000000003', 'proxy_connection_seconds', 'Proxy connection seconds',
     'Time client connections were open through the proxy, in seconds', '$.connection_seconds'),
    ('01937a00-0000-7000-8000-000000000004', 'proxy_cache_hits', 'Proxy cache hits',
     'Queries answered from the query cache', '$.cache_hits'),
    ('01937a00-0000-7000-8000-000000000005', 'proxy_cache_misses', 'Proxy cache misses',
     'Cacheable queries forwarded to the upstream', '$.cache_misses')
) AS m (id, slug, name, description, value_property);
