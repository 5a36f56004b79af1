package dev.tollgate.proxy.domain;

/** Query-result caching for one database: TTL with a stale-while-revalidate window. */
public record CacheConfig(boolean enabled, int ttlSeconds, int maxEntries, int swrSeconds) {
    public static final CacheConfig DEFAULT = new CacheConfig(true, 60, 10_000, 30);
    /** No caching: where a route has no database of its own to configure it (managed databases). */
    public static final CacheConfig OFF = new CacheConfig(false, 0, 0, 0);

    public static CacheConfig of(Boolean enabled, Integer ttlSeconds, Integer maxEntries, Integer swrSeconds) {
        return new CacheConfig(enabled == null ? DEFAULT.enabled() : enabled,
                Limits.range("cache_config.ttl_seconds", ttlSeconds, 0, 86_400, DEFAULT.ttlSeconds()),
                Limits.range("cache_config.max_entries", maxEntries, 0, 1_000_000, DEFAULT.maxEntries()),
                Limits.range("cache_config.swr_seconds", swrSeconds, 0, 86_400, DEFAULT.swrSeconds()));
    }
}
