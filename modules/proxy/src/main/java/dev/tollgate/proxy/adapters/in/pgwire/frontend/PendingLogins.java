package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that have not authenticated yet, bounded on this node ({@code tollgate.proxy.max-pending-logins}) and
 * per source address ({@code …-per-address}; an IPv6 client counts by its /64, which one host commonly holds whole). A project's {@code max_connections} counts authenticated clients only,
 * so anonymous connections cannot lock a tenant out; these bounds keep anonymous connections from exhausting the node.
 */
@Singleton
final class PendingLogins {
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    PendingLogins(@Value("${tollgate.proxy.max-pending-logins:2000}") int maxTotal,
                  @Value("${tollgate.proxy.max-pending-logins-per-address:200}") int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection from {@code address}; false (nothing counted) when a bound is reached. */
    boolean enter(InetAddress client) {
        InetAddress address = source(client);
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        byAddress.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
        }
        return admitted[0];
    }

    void leave(InetAddress client) {
        InetAddress address = source(client);
        total.decrementAndGet();
        byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    /** The unit an address limit counts: an IPv4 address, or the /64 network of an IPv6 one. */
    static InetAddress source(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client;
        }
        byte[] network = Arrays.copyOf(client.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    int pending() {
        return total.get();
    }
}
