package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PendingLoginsTest {

    @Test
    void anIpv6ClientCountsByItsSlash64() throws Exception {
        PendingLogins pending = new PendingLogins(100, 3);
        for (int host = 1; host <= 3; host++) {
            assertTrue(pending.enter(InetAddress.getByName("2001:db8:1:2::" + host)));
        }
        assertFalse(pending.enter(InetAddress.getByName("2001:db8:1:2:ffff::9")), "another address of the same /64");
        assertTrue(pending.enter(InetAddress.getByName("2001:db8:1:3::1")), "the next /64 is another client");
        pending.leave(InetAddress.getByName("2001:db8:1:2::2"));
        assertTrue(pending.enter(InetAddress.getByName("2001:db8:1:2::77")));
        assertEquals(4, pending.pending()); // three, one refused, one elsewhere, one left and one more
    }

    @Test
    void ipv4AddressesCountOneByOneAndTheNodeBoundHolds() throws Exception {
        PendingLogins pending = new PendingLogins(4, 2);
        assertTrue(pending.enter(InetAddress.getByName("198.51.100.1")));
        assertTrue(pending.enter(InetAddress.getByName("198.51.100.1")));
        assertFalse(pending.enter(InetAddress.getByName("198.51.100.1")));
        assertTrue(pending.enter(InetAddress.getByName("198.51.100.2")));
        assertTrue(pending.enter(InetAddress.getByName("198.51.100.3")));
        assertFalse(pending.enter(InetAddress.getByName("198.51.100.4")), "four pending on the node");
        assertEquals(4, pending.pending());
    }
}
