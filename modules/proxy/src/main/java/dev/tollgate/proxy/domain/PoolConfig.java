package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;

/** How the proxy pools upstream connections for one database. */
public record PoolConfig(int poolSize, int minPoolSize, int maxActive, PoolMode poolMode) {
    /** Transaction pooling is what a proxy in front of many short-lived clients is for. */
    public static final PoolConfig DEFAULT = new PoolConfig(10, 1, 200, PoolMode.TRANSACTION);

    public PoolConfig {
        if (minPoolSize > poolSize) {
            throw new ValidationException("pool_config.min_pool_size", "must not exceed pool_size");
        }
    }

    public static PoolConfig of(Integer poolSize, Integer minPoolSize, Integer maxActive, String poolMode) {
        return new PoolConfig(
                Limits.range("pool_config.pool_size", poolSize, 1, 10_000, DEFAULT.poolSize()),
                Limits.range("pool_config.min_pool_size", minPoolSize, 1, 10_000, DEFAULT.minPoolSize()),
                Limits.range("pool_config.max_active", maxActive, 1, 10_000, DEFAULT.maxActive()),
                poolMode == null ? DEFAULT.poolMode() : PoolMode.parse("pool_config.pool_mode", poolMode));
    }
}
