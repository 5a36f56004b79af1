package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.ResolveUpstreamUseCase;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import dev.tollgate.proxy.domain.ConnectionRefused;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@Singleton
class UpstreamAddressService implements ResolveUpstreamUseCase {
    private final UpstreamDestinations destinations;

    UpstreamAddressService(UpstreamDestinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public CompletableFuture<List<InetAddress>> allowedAddresses(String host, int port) {
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
