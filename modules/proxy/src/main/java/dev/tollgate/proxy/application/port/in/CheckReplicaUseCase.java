package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.Replica;
import java.time.Duration;

/** Whether a read replica may be given reads now (replica routing's health check; ADR 0058). Blocks: call off the event loops. */
public interface CheckReplicaUseCase {
    /**
     * Dials the replica where the destination policy allows, with its database's credentials, and asks how far behind
     * its primary it is.
     */
    ReplicaHealth check(ProxyRoute route, Replica replica);

    /** @param lag how far behind its primary (null when it could not be asked) */
    record ReplicaHealth(boolean usable, Duration lag, String reason) {
    }
}
