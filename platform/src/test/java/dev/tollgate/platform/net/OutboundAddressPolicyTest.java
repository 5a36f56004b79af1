package dev.tollgate.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class OutboundAddressPolicyTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowed() throws Exception {
        OutboundAddressPolicy none = OutboundAddressPolicy.allowing("");
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.1.1", "::1", "fd00::1", "::ffff:127.0.0.1",
                "64:ff9b::a9fe:a9fe", "0.0.0.0"}) {
            assertTrue(none.refusal(ip(internal)).isPresent(), internal);
        }
        assertTrue(none.refusal(ip("93.184.216.34")).isEmpty(), "a public address");
        OutboundAddressPolicy loopback = OutboundAddressPolicy.allowing("127.0.0.0/8, ::1/128");
        assertTrue(loopback.refusal(ip("127.0.0.1")).isEmpty());
        assertTrue(loopback.refusal(ip("::ffff:127.0.0.1")).isEmpty(), "a mapped address is judged as its IPv4 address");
        assertTrue(loopback.refusal(ip("169.254.169.254")).get().contains("link-local"));
    }

    @Test
    void cidrsParseStrictly() throws Exception {
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
        assertTrue(Cidr.parse("10.0.0.0/8").contains(ip("10.200.1.1")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> OutboundAddressPolicy.allowing("10.0.0.0/8,nonsense"));
    }
}
