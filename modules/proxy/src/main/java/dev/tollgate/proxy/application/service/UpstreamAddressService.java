package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.ResolveUpstreamUseCase;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.ConnectionRefused;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@Singleton
class UpstreamAddressService implements ResolveUpstreamUseCase {
    private final UpstreamDestinations destinations;
    private final DataClusters clusters;

    UpstreamAddressService(UpstreamDestinations destinations, DataClusters clusters) {
        this.destinations = destinations;
        this.clusters = clusters;
    }

    @Override
    public CompletableFuture<List<InetAddress>> allowedAddresses(String host, int port, String dataCluster) {
        if (dataCluster != null) {
            // Decided by who wrote the route (a managed database's row names its cluster), never by the address: the
            // cluster's address comes from this node's configuration, and a tenant's host aimed there stays refused.
            DataCluster cluster = clusters.named(dataCluster).orElse(null);
            if (cluster == null) {
                return CompletableFuture.failedFuture(new ConnectionRefused("08004", "the database's data cluster is not available here"));
            }
            return destinations.resolveConfiguredAsync(cluster.host()).exceptionallyCompose(error -> CompletableFuture.failedFuture(
                    new ConnectionRefused("08006", "the database's data cluster could not be resolved")));
        }
        return destinations.resolveAllowedAsync(host, port).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            // The client may be anyone: it learns that the upstream is refused, not where it points.
            String reason = cause instanceof UpstreamDestinations.Refused ? "is not a destination Tollgate connects to"
                    : "could not be resolved";
            return CompletableFuture.failedFuture(new ConnectionRefused("08004", "the database's upstream host " + reason
                    + "; the project's owner must change it"));
        });
    }
}
