package dev.tollgate.proxy.adapters.in.pgwire.backend;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A pool's idle connections, one most-recently-used-first list per event loop, so that a client is preferably given
 * a connection on its own loop (no thread hop on the hot path). Not thread-safe: the pool holds its lock.
 */
final class IdleServers {
    private final Map<EventExecutor, Deque<ServerConnection>> byLoop = new HashMap<>();
    private int count;

    int count() {
        return count;
    }

    /** Puts {@code server} first in its loop's list: it is the next one handed out there. */
    void add(ServerConnection server) {
        byLoop.computeIfAbsent(server.channel.eventLoop(), k -> new ArrayDeque<>()).addFirst(server);
        count++;
    }

    /** The most recently used open connection, on {@code preferred} if it has one; null when none is idle. */
    ServerConnection poll(EventLoop preferred) {
        while (count > 0) {
            Deque<ServerConnection> own = byLoop.get(preferred);
            ServerConnection found = own != null ? own.pollFirst() : null;
            if (found == null) {
                for (Deque<ServerConnection> other : byLoop.values()) {
                    found = other.pollFirst();
                    if (found != null) {
                        break;
                    }
                }
            }
            if (found == null) {
                count = 0;
                return null;
            }
            count--;
            if (found.channel.isActive()) {
                return found;
            }
        }
        return null;
    }

    void remove(ServerConnection server) {
        Deque<ServerConnection> list = byLoop.get(server.channel.eventLoop());
        if (list != null && list.remove(server)) {
            count--;
        }
    }

    /** Takes out every idle connection {@code drop} accepts, loop by loop, most recently used first. */
    void removeIf(Predicate<ServerConnection> drop) {
        for (Deque<ServerConnection> list : byLoop.values()) {
            for (Iterator<ServerConnection> it = list.iterator(); it.hasNext(); ) {
                if (drop.test(it.next())) {
                    it.remove();
                    count--;
                }
            }
        }
    }
}
