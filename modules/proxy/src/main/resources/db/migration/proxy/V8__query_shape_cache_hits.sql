-- The calls of a query shape answered from the proxy's result cache (ADR 0059); the other calls went upstream (misses).
ALTER TABLE proxy.query_shapes ADD COLUMN cache_hits bigint NOT NULL DEFAULT 0;
