package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Pools and server connections for tests of the other parts of the data plane, without an upstream to dial. */
public final class BackendFixtures {
    private BackendFixtures() {
    }

    /** Upstream logins that dial the loopback address for every host. */
    static UpstreamLogins loopbackLogins() {
        return new UpstreamLogins(Duration.ofSeconds(15), (host, port, cluster) -> CompletableFuture.completedFuture(
                List.of(InetAddress.getLoopbackAddress())));
    }

    /** A pool of {@code route} with no event loops of its own: connections are handed to it with {@link #adopt}. */
    public static ServerPool pool(ProxyRoute route, PoolStats stats) {
        return new ServerPool(route, "fingerprint", null, Duration.ofSeconds(5), Duration.ofHours(1), stats, loopbackLogins());
    }

    /** Pools as the application has them, dialling the loopback address. */
    public static ServerPools pools(ProxyMetrics metrics, Duration waitTimeout, Duration idleTimeout, Duration lifetime) {
        return new ServerPools(metrics, waitTimeout, idleTimeout, lifetime, loopbackLogins());
    }

    /** Replica health as {@code checks} tells it, checked every {@code interval}. */
    public static ReplicaMonitor replicas(dev.tollgate.proxy.application.port.in.CheckReplicaUseCase checks, Duration interval) {
        return new ReplicaMonitor(checks, interval);
    }

    /**
     * A logged-in server connection on {@code channel} (added to its pipeline) that reported {@code settings}, taken
     * in by {@code pool} as if the pool had opened it.
     */
    public static ServerConnection adopt(ServerPool pool, Channel channel, int processId, int secretKey, Map<String, String> settings) {
        ServerConnection server = new ServerConnection(pool, channel, processId, secretKey, settings);
        channel.pipeline().addLast(server);
        pool.adopt(server);
        return server;
    }
}
