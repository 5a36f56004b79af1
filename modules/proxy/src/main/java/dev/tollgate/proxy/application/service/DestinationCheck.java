package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import jakarta.inject.Singleton;

/**
 * Refuses to register an upstream (database or replica) that the proxy would refuse to dial, so the tenant learns it
 * at once with the reason, not at the first client connection.
 */
@Singleton
class DestinationCheck {
    private final UpstreamDestinations destinations;

    DestinationCheck(UpstreamDestinations destinations) {
        this.destinations = destinations;
    }

    void requireAllowed(String host, int port) {
        try {
            destinations.resolveAllowed(host, port);
        } catch (UpstreamDestinations.Refused refused) {
            throw new ValidationException("host", "Tollgate will not connect to this upstream: " + refused.getMessage());
        }
    }
}
