package dev.tollgate.proxy.application.port.in;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Before every upstream connection: the addresses the database's host resolves to at that moment, all allowed by the
 * destination policy. Never blocks the caller (an event loop): a slow or silent nameserver delays only the connection
 * that asked, never other tenants' logins.
 */
public interface ResolveUpstreamUseCase {

    /**
     * Completes with the addresses to dial, or exceptionally with a {@code ConnectionRefused} (08004) saying why not.
     *
     * @param dataCluster the data cluster the route is on (its host is the operator's, dialled without the tenant
     *                    destination policy), or null for a tenant's upstream
     */
    CompletableFuture<List<InetAddress>> allowedAddresses(String host, int port, String dataCluster);
}
