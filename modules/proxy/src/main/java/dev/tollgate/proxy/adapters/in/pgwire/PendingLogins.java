package dev.tollgate.proxy.adapters.in.pgwire;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that have not authenticated yet, bounded on this node ({@code tollgate.proxy.max-pending-logins}) and
 * per source address ({@code …-per-address}). A project's {@code max_connections} counts authenticated clients only,
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
    boolean enter(InetAddress address) {
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

    void leave(InetAddress address) {
        total.decrementAndGet();
        byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    int pending() {
        return total.get();
    }
}
