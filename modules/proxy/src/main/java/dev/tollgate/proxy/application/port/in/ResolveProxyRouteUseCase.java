package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.ConnectionRefused;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.Replica;
import dev.tollgate.proxy.domain.Scram;
import dev.tollgate.proxy.domain.SslMode;
import java.net.InetAddress;
import java.util.UUID;

/**
 * The data plane asks, for each new client: which upstream serves this project and database, may this address
 * connect, and what secret must its password match.
 */
public interface ResolveProxyRouteUseCase {

    /**
     * @param projectId the project named by the client (user or options form), or null
     * @param sniHost   the TLS SNI host name, matched against projects' proxy_host when no project is named; or null
     * @param user      the user name the client logs in with (without a project suffix): a managed database's
     *                  credential names its branch's database, and needs neither a project nor a host name
     * @param bouncer   the managed branch's bouncer the client asks for, or null for the credential's own pool
     * @throws ConnectionRefused with the SQLSTATE to send when the client may not connect
     */
    ProxyRoute resolve(String projectId, String sniHost, String databaseName, String user, String bouncer, InetAddress client);

    /**
     * Everything needed to serve one client: the upstream address and credentials (the password in clear, held only
     * in memory) and the SCRAM secret clients authenticate against. Where {@code host} may be dialled is decided at
     * each upstream connection ({@link ResolveUpstreamUseCase}).
     *
     * @param poolKey     which upstream connections this client may share: a registered database's id, a managed
     *                    credential's id (each credential is its own PostgreSQL role)
     * @param dataCluster the data cluster a managed database lives on (its address is the operator's configuration,
     *                    never a tenant's), or null for a tenant's own upstream
     * @param replicas    the database's read replicas (same database name and credentials)
     * @param autoReadRouting whether read-only statements outside transactions go to a replica without the
     *                    {@code @pgbeam:replica} annotation
     * @param cache       the database's result cache settings (ADR 0059); {@link CacheConfig#OFF} where there are none
     * @param cacheRules  the shapes the database caches, by query hash (enabled rules only; ADR 0061)
     */
    record ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username, String password,
                      SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive, PoolMode poolMode,
                      Scram.Secret secret, UUID poolKey, String dataCluster, java.util.List<Replica> replicas, boolean autoReadRouting,
                      CacheConfig cache, java.util.Map<String, dev.tollgate.proxy.domain.CacheRule> cacheRules) {
        public ProxyRoute {
            replicas = replicas == null ? java.util.List.of() : java.util.List.copyOf(replicas);
            cache = cache == null ? CacheConfig.OFF : cache;
            cacheRules = cacheRules == null ? java.util.Map.of() : java.util.Map.copyOf(cacheRules);
        }

        public ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username,
                          String password, SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive,
                          PoolMode poolMode, Scram.Secret secret, UUID poolKey, String dataCluster, java.util.List<Replica> replicas,
                          boolean autoReadRouting, CacheConfig cache) {
            this(organizationId, projectId, databaseId, host, port, database, username, password, sslMode, queryTimeoutMs, maxConnections,
                    poolSize, minPoolSize, maxActive, poolMode, secret, poolKey, dataCluster, replicas, autoReadRouting, cache, java.util.Map.of());
        }

        /** A route without result caching (managed databases, tests). */
        public ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username,
                          String password, SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive,
                          PoolMode poolMode, Scram.Secret secret, UUID poolKey, String dataCluster, java.util.List<Replica> replicas,
                          boolean autoReadRouting) {
            this(organizationId, projectId, databaseId, host, port, database, username, password, sslMode, queryTimeoutMs, maxConnections,
                    poolSize, minPoolSize, maxActive, poolMode, secret, poolKey, dataCluster, replicas, autoReadRouting, CacheConfig.OFF);
        }

        public ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username,
                          String password, SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive,
                          PoolMode poolMode, Scram.Secret secret, UUID poolKey, String dataCluster) {
            this(organizationId, projectId, databaseId, host, port, database, username, password, sslMode, queryTimeoutMs, maxConnections,
                    poolSize, minPoolSize, maxActive, poolMode, secret, poolKey, dataCluster, java.util.List.of(), false);
        }

        /**
         * The same client served by {@code replica}: its address and sslmode, the database's name and credentials, a pool
         * of its own (per replica, as per database); the pool's size and mode are the database's.
         */
        public ProxyRoute onReplica(Replica replica) {
            UUID key = UUID.nameUUIDFromBytes((poolKey + "|" + replica.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new ProxyRoute(organizationId, projectId, databaseId, replica.host(), replica.port(), database, username, password,
                    replica.sslMode(), queryTimeoutMs, maxConnections, poolSize, minPoolSize, maxActive, poolMode, secret, key, null,
                    java.util.List.of(), false, cache, cacheRules);
        }

        /** A tenant's registered upstream: pooled by database, dialled where its policy allows. */
        public ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username,
                          String password, SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive,
                          PoolMode poolMode, Scram.Secret secret) {
            this(organizationId, projectId, databaseId, host, port, database, username, password, sslMode, queryTimeoutMs, maxConnections,
                    poolSize, minPoolSize, maxActive, poolMode, secret, databaseId, null);
        }

        @Override
        public String toString() {
            return "ProxyRoute[" + projectId + " -> " + username + "@" + host + ":" + port + "/" + database + "]";
        }
    }
}
