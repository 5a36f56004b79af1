package dev.tollgate.proxy.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
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

    private record Range(CidrEntry network, String kind) {
        static Range of(String cidr, String kind) {
            return new Range(CidrEntry.parse(0, cidr, null), kind);
        }
    }

    /** Special-purpose ranges (IANA registries) that are not public destinations. */
    private static final List<Range> NOT_PUBLIC = List.of(
            Range.of("0.0.0.0/8", "an unspecified (this-network) address"),
            Range.of("10.0.0.0/8", "a private address"),
            Range.of("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            Range.of("127.0.0.0/8", "a loopback address"),
            Range.of("169.254.0.0/16", "a link-local address"),
            Range.of("172.16.0.0/12", "a private address"),
            Range.of("192.0.0.0/24", "an IETF protocol address"),
            Range.of("192.0.2.0/24", "a documentation address"),
            Range.of("192.88.99.0/24", "a reserved relay address"),
            Range.of("192.168.0.0/16", "a private address"),
            Range.of("198.18.0.0/15", "a benchmarking address"),
            Range.of("198.51.100.0/24", "a documentation address"),
            Range.of("203.0.113.0/24", "a documentation address"),
            Range.of("224.0.0.0/4", "a multicast address"),
            Range.of("240.0.0.0/4", "a reserved or broadcast address"),
            Range.of("::/128", "an unspecified address"),
            Range.of("::1/128", "a loopback address"),
            Range.of("::/96", "an IPv4-compatible address"),
            Range.of("64:ff9b:1::/48", "a local NAT64 address"),
            Range.of("100::/64", "a discard address"),
            Range.of("2001::/23", "an IETF protocol address"),
            Range.of("2001:db8::/32", "a documentation address"),
            Range.of("2002::/16", "a 6to4 address"),
            Range.of("fc00::/7", "a unique-local address"),
            Range.of("fe80::/10", "a link-local address"),
            Range.of("fec0::/10", "a site-local address"),
            Range.of("ff00::/8", "a multicast address"));
    private static final CidrEntry NAT64 = CidrEntry.parse(0, "64:ff9b::/96", null);

    private final List<CidrEntry> allowed;
    private final List<Reserved> reserved;

    public UpstreamDestinationPolicy(List<CidrEntry> allowed, List<Reserved> reserved) {
        this.allowed = List.copyOf(allowed);
        this.reserved = List.copyOf(reserved);
    }

    /**
     * The address a socket would really reach: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, as a DNS AAAA
     * record may hold it; the JDK keeps it as an Inet6Address) is its IPv4 address. Judge and dial this one.
     */
    public static InetAddress canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isMapped(bytes)) {
            return embeddedIpv4(address);
        }
        return address;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
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
        return notPublic(address).map(kind -> address.getHostAddress() + " is " + kind
                + ", which Tollgate does not connect to unless the operator allows it");
    }

    /** The first refusal among every address a host name resolves to: one bad address refuses the name. */
    public Optional<String> refusal(List<InetAddress> addresses, int port) {
        return addresses.stream().map(a -> refusal(a, port)).flatMap(Optional::stream).findFirst();
    }

    /** What kind of non-public address this is, or empty for a public one. */
    static Optional<String> notPublic(InetAddress address) {
        if (address instanceof Inet6Address && NAT64.contains(address)) {
            // A NAT64 address reaches the IPv4 address in its last 32 bits: judge that one.
            return notPublic(embeddedIpv4(address)).map(kind -> kind + " behind NAT64");
        }
        return NOT_PUBLIC.stream().filter(r -> r.network().contains(address)).map(Range::kind).findFirst();
    }

    private static InetAddress embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
