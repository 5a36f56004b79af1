package dev.tollgate.proxy.domain;

import dev.tollgate.platform.net.NonPublicAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a tenant may aim the proxy at. Tenants name their upstream databases, so without a policy any tenant
 * could make Tollgate dial its own control-plane database, the cloud metadata service or the operator's private
 * network. Refused unless the operator allows them ({@code tollgate.proxy.allowed-upstreams}): every address that is
 * not globally routable (loopback, private, shared, link-local, unique-local, multicast, unspecified, reserved and
 * documentation ranges, and IPv6 forms that embed such an IPv4 address). Always refused, allowed or not: the
 * endpoints Tollgate itself depends on ({@link Reserved}, e.g. the control-plane database's address and port).
 */
public final class UpstreamDestinationPolicy {
    /** A network and port that no tenant may reach whatever the operator allows, and what it is (for the message). */
    public record Reserved(CidrEntry network, int port, String what) {
    }

    private final List<CidrEntry> allowed;
    private final List<Reserved> reserved;

    public UpstreamDestinationPolicy(List<CidrEntry> allowed, List<Reserved> reserved) {
        this.allowed = List.copyOf(allowed);
        this.reserved = List.copyOf(reserved);
    }

    /** The address a socket would really reach (see {@link NonPublicAddresses#canonical}). */
    public static InetAddress canonical(InetAddress address) {
        return NonPublicAddresses.canonical(address);
    }

    /** Why {@code address:port} may not be dialled, or empty when it may. */
    public Optional<String> refusal(InetAddress given, int port) {
        InetAddress address = canonical(given);
        for (Reserved r : reserved) {
            if (r.port() == port && r.network().contains(address)) {
                return Optional.of(address.getHostAddress() + ":" + port + " is " + r.what());
            }
        }
        if (allowed.stream().anyMatch(a -> a.contains(address))) {
            return Optional.empty();
        }
        return NonPublicAddresses.kindOf(address).map(kind -> address.getHostAddress() + " is " + kind
                + ", which Tollgate does not connect to unless the operator allows it");
    }

    /** The first refusal among every address a host name resolves to: one bad address refuses the name. */
    public Optional<String> refusal(List<InetAddress> addresses, int port) {
        return addresses.stream().map(a -> refusal(a, port)).flatMap(Optional::stream).findFirst();
    }
}
