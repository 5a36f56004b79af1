package dev.tollgate.platform.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses are not public destinations (IANA special-purpose registries): loopback, private, shared,
 * link-local (the cloud metadata service), unique-local, multicast, unspecified, reserved and documentation ranges,
 * and the IPv6 forms that embed such an IPv4 address. Every outbound connection a tenant can aim (upstream databases,
 * webhooks) refuses these unless the operator allows them, so a tenant cannot make Tollgate reach its own network.
 */
public final class NonPublicAddresses {
    private record Range(Cidr network, String kind) {
        static Range of(String cidr, String kind) {
            return new Range(Cidr.parse(cidr), kind);
        }
    }

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
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private NonPublicAddresses() {
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

    /** What kind of non-public address this is ("a loopback address"), or empty for a public one. */
    public static Optional<String> kindOf(InetAddress given) {
        InetAddress address = canonical(given);
        if (address instanceof Inet6Address && NAT64.contains(address)) {
            // A NAT64 address reaches the IPv4 address in its last 32 bits: judge that one.
            return kindOf(embeddedIpv4(address)).map(kind -> kind + " behind NAT64");
        }
        return NOT_PUBLIC.stream().filter(r -> r.network().contains(address)).map(Range::kind).findFirst();
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
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
