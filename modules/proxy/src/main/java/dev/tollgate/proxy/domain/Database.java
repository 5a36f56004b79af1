package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Instant;
import java.util.UUID;

/**
 * An upstream PostgreSQL registered in a project (PgBeam's database, PlanetScale's branch): where to connect, as whom,
 * and how to pool. The password is held only sealed by the master key ({@code sealedPassword}); it is never returned.
 */
public record Database(UUID id, UUID projectId, String host, int port, String name, String username, String sealedPassword,
                       SslMode sslMode, DatabaseRole role, PoolConfig poolConfig, CacheConfig cacheConfig, String poolRegion,
                       int queryTimeoutMs, boolean autoReadRouting, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public String publicId() {
        return TypeId.format("db", id);
    }

    /** The context a sealed password is bound to, so a ciphertext copied to another row does not open. */
    public static String passwordContext(UUID databaseId) {
        return "proxy.database.password:" + databaseId;
    }

    /** The address clients use: through the project's proxy host, with a placeholder instead of the password. */
    public String connectionString(String proxyHost, int proxyPort) {
        return "postgresql://" + username + ":YOUR_PASSWORD@" + proxyHost + ":" + proxyPort + "/" + name;
    }

    public Database deleted(Instant now) {
        return new Database(id, projectId, host, port, name, username, sealedPassword, sslMode, role, poolConfig, cacheConfig,
                poolRegion, queryTimeoutMs, autoReadRouting, createdAt, now, now);
    }
}
