package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamDestinationPolicyTest {
    private static final UpstreamDestinationPolicy NOTHING_ALLOWED = new UpstreamDestinationPolicy(List.of(), List.of());

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1", "ff02::1", "0.0.0.0", "::", "100.64.0.1",
            "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.2.1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "::127.0.0.1", "fec0::1"})
    void nonPublicAddressesAreRefusedByDefault(String address) throws Exception {
        assertTrue(NOTHING_ALLOWED.refusal(ip(address), 5432).isPresent(), address + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertEquals(Optional.empty(), NOTHING_ALLOWED.refusal(ip(address), 5432), address);
    }

    @Test
    void anIpv4MappedAddressFromDnsIsJudgedAsItsIpv4Address() throws Exception {
        // A resolver hands an AAAA record of ::ffff:127.0.0.1 back as an Inet6Address; a socket reaches 127.0.0.1.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress fromDns = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertEquals(ip("127.0.0.1"), UpstreamDestinationPolicy.canonical(fromDns));
        assertTrue(NOTHING_ALLOWED.refusal(fromDns, 5432).isPresent());
        UpstreamDestinationPolicy loopbackAllowed = new UpstreamDestinationPolicy(List.of(CidrEntry.parse(0, "127.0.0.0/8", null)),
                List.of(new UpstreamDestinationPolicy.Reserved(CidrEntry.parse(0, "127.0.0.0/8", null), 54329, "the control plane")));
        assertTrue(loopbackAllowed.refusal(fromDns, 54329).orElseThrow().contains("the control plane"),
                "the reserved endpoint holds for the mapped form too");
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        assertTrue(NOTHING_ALLOWED.refusal(java.net.Inet6Address.getByAddress(null, mapped, -1), 80).orElseThrow().contains("link-local"));
    }

    @Test
    void theReasonNamesTheKindOfAddress() throws Exception {
        assertTrue(NOTHING_ALLOWED.refusal(ip("169.254.169.254"), 80).orElseThrow().contains("link-local"));
        assertTrue(NOTHING_ALLOWED.refusal(ip("64:ff9b::7f00:1"), 80).orElseThrow().contains("loopback address behind NAT64"));
    }

    @Test
    void theOperatorMayAllowANetworkButNeverAReservedEndpoint() throws Exception {
        UpstreamDestinationPolicy policy = new UpstreamDestinationPolicy(List.of(CidrEntry.parse(0, "127.0.0.0/8", null)),
                List.of(new UpstreamDestinationPolicy.Reserved(CidrEntry.parse(0, "127.0.0.0/8", null), 54329, "the control plane")));
        assertEquals(Optional.empty(), policy.refusal(ip("127.0.0.1"), 5432));
        assertTrue(policy.refusal(ip("127.0.0.1"), 54329).orElseThrow().contains("the control plane"));
        assertTrue(policy.refusal(ip("127.0.0.2"), 54329).isPresent(), "any loopback address reaches a server on all of them");
        assertTrue(policy.refusal(ip("10.0.0.1"), 5432).isPresent(), "what is not allowed stays refused");
    }

    @Test
    void oneRefusedAddressRefusesTheName() throws Exception {
        assertTrue(NOTHING_ALLOWED.refusal(List.of(ip("8.8.8.8"), ip("10.0.0.1")), 5432).isPresent());
        assertEquals(Optional.empty(), NOTHING_ALLOWED.refusal(List.of(ip("8.8.8.8"), ip("1.1.1.1")), 5432));
    }
}
