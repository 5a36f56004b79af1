package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ReplicaMonitor;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.Replica;
import dev.tollgate.proxy.domain.StatementKind;
import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * Which pool serves the client's next statement (replica routing, ADR 0058): a read-only statement sent outside a
 * transaction goes to a usable replica of the database when {@code auto_read_routing} is on or it carries the
 * {@code @pgbeam:replica} annotation; everything else to the primary. Judged on the first message sent while the client
 * holds no server: a simple-protocol Query, or an extended-protocol Parse of the unnamed statement (a named statement
 * stays where the client prepared it). Session mode keeps its one server.
 */
final class ReadRouting {
    static final String ANNOTATION = "@pgbeam:replica";

    private final ServerPool primary;
    private final Function<ProxyRoute, ServerPool> pools;
    private final ReplicaMonitor replicas;

    ReadRouting(ServerPool primary, Function<ProxyRoute, ServerPool> pools, ReplicaMonitor replicas) {
        this.primary = primary;
        this.pools = pools;
        this.replicas = replicas;
    }

    /** Everything to the primary (a relay without replicas, as the tests drive it). */
    static ReadRouting primaryOnly(ServerPool primary) {
        return new ReadRouting(primary, route -> primary, null);
    }

    ServerPool primary() {
        return primary;
    }

    /**
     * @param transactionStatus the client's transaction status at its last ReadyForQuery ('I' outside a transaction)
     * @param shapes where the message's text and shape are found (once per message)
     */
    ServerPool poolFor(ByteBuf first, char transactionStatus, StatementShapes shapes) {
        ProxyRoute route = primary.route();
        if (replicas == null || route.replicas().isEmpty() || route.poolMode() == PoolMode.SESSION || transactionStatus != 'I'
                || first == null) {
            return primary;
        }
        String sql = shapes.sqlOf(first);
        if (sql == null || !(route.autoReadRouting() || sql.contains(ANNOTATION))) {
            return primary;
        }
        if (shapes.shapeOf(first).kind() != StatementKind.READ) {
            return primary;
        }
        Replica replica = replicas.pick(route);
        return replica == null ? primary : pools.apply(route.onReplica(replica));
    }
}
