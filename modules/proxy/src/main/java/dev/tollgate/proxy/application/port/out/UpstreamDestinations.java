package dev.tollgate.proxy.application.port.out;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves the host a tenant registered and checks every address against the upstream destination policy
 * ({@link dev.tollgate.proxy.domain.UpstreamDestinationPolicy}). Asked when a database or replica is registered or
 * changed, and again before every upstream connection, which then dials exactly the addresses checked: a name that
 * resolves elsewhere later (DNS rebinding) is judged again.
 */
public interface UpstreamDestinations {

    /** The addresses {@code host} resolves to now, all allowed for {@code port}; else throws {@link Refused}. */
    List<InetAddress> resolveAllowed(String host, int port);

    /** The same without blocking: completes exceptionally with {@link Refused}. */
    CompletableFuture<List<InetAddress>> resolveAllowedAsync(String host, int port);

    /**
     * The addresses of a host from the operator's configuration (a data cluster): resolved like a tenant's, on the same
     * bounded pool, but not held to the tenant destination policy, which reserves it.
     */
    CompletableFuture<List<InetAddress>> resolveConfiguredAsync(String host);

    /** Why a destination may not be dialled, in words fit for the tenant who named it. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
