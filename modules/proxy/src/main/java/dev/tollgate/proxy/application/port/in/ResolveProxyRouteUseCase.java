package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.ConnectionRefused;
import dev.tollgate.proxy.domain.PoolMode;
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
     * @throws ConnectionRefused with the SQLSTATE to send when the client may not connect
     */
    ProxyRoute resolve(String projectId, String sniHost, String databaseName, InetAddress client);

    /**
     * Everything needed to serve one client: the upstream address and credentials (the password in clear, held only
     * in memory) and the SCRAM secret clients authenticate against. Where {@code host} may be dialled is decided at
     * each upstream connection ({@link ResolveUpstreamUseCase}).
     */
    record ProxyRoute(UUID organizationId, UUID projectId, UUID databaseId, String host, int port, String database, String username, String password,
                      SslMode sslMode, int queryTimeoutMs, int maxConnections, int poolSize, int minPoolSize, int maxActive, PoolMode poolMode,
                      Scram.Secret secret) {
        @Override
        public String toString() {
            return "ProxyRoute[" + projectId + " -> " + username + "@" + host + ":" + port + "/" + database + "]";
        }
    }
}
