package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.CheckReplicaUseCase;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import dev.tollgate.proxy.application.port.out.UpstreamProbe;
import dev.tollgate.proxy.application.port.out.UpstreamProbe.ReplicaState;
import dev.tollgate.proxy.domain.Replica;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/**
 * A replica is usable while it answers and is no further behind its primary than {@code tollgate.proxy.replica-max-lag}.
 * Its host is a tenant's: dialled only where the destination policy allows, like the database's own.
 */
@Singleton
class ReplicaCheckService implements CheckReplicaUseCase {
    private final UpstreamDestinations destinations;
    private final UpstreamProbe probe;
    private final ProxySettings settings;

    ReplicaCheckService(UpstreamDestinations destinations, UpstreamProbe probe, ProxySettings settings) {
        this.destinations = destinations;
        this.probe = probe;
        this.settings = settings;
    }

    @Override
    public ReplicaHealth check(ProxyRoute route, Replica replica) {
        List<InetAddress> addresses;
        try {
            addresses = destinations.resolveAllowed(replica.host(), replica.port());
        } catch (UpstreamDestinations.Refused refused) {
            return new ReplicaHealth(false, null, "the replica's host is not a destination Tollgate connects to");
        }
        ReplicaState state = probe.replicaState(replica.host(), addresses, replica.port(), route.database(), route.username(), route.password(),
                replica.sslMode());
        if (!state.reachable()) {
            return new ReplicaHealth(false, null, state.error());
        }
        if (state.lag().compareTo(settings.replicaMaxLag()) > 0) {
            return new ReplicaHealth(false, state.lag(), "the replica is " + state.lag().toMillis() + " ms behind its primary (at most "
                    + settings.replicaMaxLag().toMillis() + " ms)");
        }
        return new ReplicaHealth(true, state.lag(), null);
    }
}
