package dev.tollgate.proxy.adapters.in.pgwire;

import io.micronaut.context.annotation.Value;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Caps the upstream connections of each database at its {@code pool_size}. A client that finds every slot taken
 * waits in line (first come, first served) and is refused once {@code tollgate.proxy.pool-timeout} has passed.
 */
@Singleton
final class UpstreamSlots {
    /** A client waiting for a slot; {@link #cancel} it when the client goes away first. */
    final class Waiter {
        private final UUID databaseId;
        private final EventLoop loop;
        private final Runnable granted;
        private ScheduledFuture<?> timeout;

        private Waiter(UUID databaseId, EventLoop loop, Runnable granted) {
            this.databaseId = databaseId;
            this.loop = loop;
            this.granted = granted;
        }

        void cancel() {
            Slots slots = byDatabase.get(databaseId);
            if (slots != null) {
                synchronized (slots) {
                    slots.waiting.remove(this);
                }
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    private static final class Slots {
        int used;
        final Deque<Waiter> waiting = new ArrayDeque<>();
    }

    private final Map<UUID, Slots> byDatabase = new ConcurrentHashMap<>();
    private final Duration timeout;

    UpstreamSlots(@Value("${tollgate.proxy.pool-timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Runs {@code granted} on {@code loop} once a slot is free (at once if one is), or {@code timedOut} when none
     * frees up in time. Returns the waiter when the client has to wait, null when it got a slot straight away.
     */
    Waiter acquire(UUID databaseId, int max, EventLoop loop, Runnable granted, Runnable timedOut) {
        Slots slots = byDatabase.computeIfAbsent(databaseId, id -> new Slots());
        Waiter waiter;
        synchronized (slots) {
            if (slots.used < max) {
                slots.used++;
                loop.execute(granted);
                return null;
            }
            waiter = new Waiter(databaseId, loop, granted);
            slots.waiting.addLast(waiter);
        }
        waiter.timeout = loop.schedule(() -> {
            boolean stillWaiting;
            synchronized (slots) {
                stillWaiting = slots.waiting.remove(waiter);
            }
            if (stillWaiting) {
                timedOut.run();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return waiter;
    }

    /** Gives the slot to the longest waiter, or frees it. */
    void release(UUID databaseId) {
        Slots slots = byDatabase.get(databaseId);
        if (slots == null) {
            return;
        }
        Waiter next;
        synchronized (slots) {
            next = slots.waiting.pollFirst();
            if (next == null) {
                slots.used = Math.max(0, slots.used - 1);
                return;
            }
        }
        next.timeout.cancel(false);
        next.loop.execute(next.granted);
    }

    Duration timeout() {
        return timeout;
    }
}
