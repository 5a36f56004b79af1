-- PgBeam's cache rules (ListCacheRules, UpdateCacheRule; ADR 0061): a database's choice for one observed query shape,
-- within its cache_config (the master switch and the default TTL and SWR). A shape without a row is not cached.
CREATE TABLE proxy.cache_rules (
    database_id    uuid        NOT NULL REFERENCES proxy.databases (id) ON DELETE CASCADE,
    query_hash     text        NOT NULL,   -- XXH64 of the normalized text, 16 lowercase hex (ADR 0052)
    cache_enabled  boolean     NOT NULL,
    ttl_seconds    integer,                -- null: the database's cache_config
    swr_seconds    integer,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (database_id, query_hash)
);
