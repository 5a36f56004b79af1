package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.out.UpstreamDestinations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/**
 * The destination policy as the control-plane operations state it: registering an upstream (database or replica)
 * the proxy would refuse to dial is refused at once with the reason, not at the first client connection; a connection
 * test learns where it may dial, or why it may not.
 */
@Singleton
class DestinationCheck {
    private static final String REFUSED = "Tollgate will not connect to this upstream: ";
    private final UpstreamDestinations destinations;

    DestinationCheck(UpstreamDestinations destinations) {
        this.destinations = destinations;
    }

    void requireAllowed(String host, int port) {
        try {
            destinations.resolveAllowed(host, port);
        } catch (UpstreamDestinations.Refused refused) {
            throw new ValidationException("host", REFUSED + refused.getMessage());
        }
    }

    /** The addresses a test may dial, or why none: exactly one of the two is present. */
    Allowed addresses(String host, int port) {
        try {
            return new Allowed(destinations.resolveAllowed(host, port), null);
        } catch (UpstreamDestinations.Refused refused) {
            return new Allowed(List.of(), REFUSED + refused.getMessage());
        }
    }

    record Allowed(List<InetAddress> addresses, String refusal) {
    }
}
