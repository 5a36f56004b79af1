package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;

/**
 * The checked, user-supplied part of a database registration (everything but ids, the sealed password and
 * timestamps). {@link #password} is plaintext and lives only until it is sealed.
 */
public record DatabaseSpec(String host, int port, String name, String username, String password, SslMode sslMode,
                           DatabaseRole role, PoolConfig poolConfig, CacheConfig cacheConfig, String poolRegion,
                           int queryTimeoutMs, boolean autoReadRouting) {

    public static DatabaseSpec of(String host, Integer port, String name, String username, String password, String sslMode,
                                  String role, PoolConfig poolConfig, CacheConfig cacheConfig, String poolRegion,
                                  Integer queryTimeoutMs, Boolean autoReadRouting) {
        if (port == null) {
            throw new ValidationException("port", "is required");
        }
        return new DatabaseSpec(
                Limits.text("host", host, 1, 255, false),
                Limits.range("port", port, 1, 65_535, 5432),
                Limits.text("name", name, 1, 63, true),
                Limits.text("username", username, 1, 63, true),
                Limits.text("password", password, 1, 1024, true),
                sslMode == null ? SslMode.PREFER : SslMode.parse("ssl_mode", sslMode),
                role == null ? DatabaseRole.PRIMARY : DatabaseRole.parse("role", role),
                poolConfig == null ? PoolConfig.DEFAULT : poolConfig,
                cacheConfig == null ? CacheConfig.DEFAULT : cacheConfig,
                poolRegion == null ? "" : Limits.text("pool_region", poolRegion, 0, 64, false),
                Limits.range("query_timeout_ms", queryTimeoutMs, 0, 300_000, 0),
                autoReadRouting != null && autoReadRouting);
    }
}
