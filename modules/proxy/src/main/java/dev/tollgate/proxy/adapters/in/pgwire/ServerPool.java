package dev.tollgate.proxy.adapters.in.pgwire;

import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The upstream connections of one database: at most {@code min(pool_size, max_active)} open, idle ones reused most
 * recently used first and preferably on the asking client's event loop (no thread hop on the hot path), clients queued
 * first come first served when all are busy and refused after the pool timeout, {@code min_pool_size} kept open, idle
 * and lifetime limits applied by {@link #maintain}.
 */
final class ServerPool {
    /** A client waiting for a connection. {@link #cancel} it when the client goes away first. */
    final class Waiter {
        private final EventLoop loop;
        private final Consumer<ServerConnection> granted;
        private final Consumer<ByteBuf> failed;
        private final long sinceNanos = System.nanoTime();
        private ScheduledFuture<?> timeout;

        private Waiter(EventLoop loop, Consumer<ServerConnection> granted, Consumer<ByteBuf> failed) {
            this.loop = loop;
            this.granted = granted;
            this.failed = failed;
        }

        void cancel() {
            synchronized (ServerPool.this) {
                waiters.remove(this);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    private final EventLoopGroup loops;
    private final Duration waitTimeout;
    private final Duration lifetime;
    private final PoolStats stats;
    final String fingerprint;
    private volatile ProxyRoute route;
    private final Map<EventExecutor, Deque<ServerConnection>> idle = new HashMap<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private int idleCount;
    private int connecting;
    private boolean retired;
    /** What a new client is told at login (ParameterStatus) when no server is handed to it: the first login's report. */
    private volatile Map<String, String> welcome;
    final StatementNames statementNames = new StatementNames();

    private final UpstreamLogins logins;

    ServerPool(ProxyRoute route, String fingerprint, EventLoopGroup loops, Duration waitTimeout, Duration lifetime, PoolStats stats,
               UpstreamLogins logins) {
        this.logins = logins;
        this.lifetime = lifetime;
        this.route = route;
        this.fingerprint = fingerprint;
        this.loops = loops;
        this.waitTimeout = waitTimeout;
        this.stats = stats;
    }

    /** Pool size, mode and limits change in place: clients already served keep their connections. */
    void update(ProxyRoute latest) {
        this.route = latest;
    }

    ProxyRoute route() {
        return route;
    }

    Map<String, String> welcome() {
        return welcome;
    }

    PoolStats stats() {
        return stats;
    }

    private int capacity() {
        ProxyRoute r = route;
        return Math.max(1, Math.min(r.poolSize(), r.maxActive()));
    }

    /**
     * A connection for a client on {@code loop}: returned at once when one is idle; otherwise the client waits in line
     * ({@code waiting} gets its ticket), {@code granted} runs on {@code loop} when a connection is given back or newly
     * opened for it, or {@code failed} with a FATAL ErrorResponse after the pool timeout or when opening one failed.
     */
    ServerConnection acquire(EventLoop loop, Consumer<ServerConnection> granted, Consumer<ByteBuf> failed, Consumer<Waiter> waiting) {
        Waiter waiter = new Waiter(loop, granted, failed);
        EventLoop connectOn;
        synchronized (this) {
            ServerConnection idleOne = pollIdle(loop);
            if (idleOne != null) {
                return idleOne;
            }
            waiters.addLast(waiter);
            stats.waiting(1);
            waiter.timeout = loop.schedule(() -> timedOut(waiter), waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            connectOn = growIfWaiting();
        }
        waiting.accept(waiter);
        connect(connectOn);
        return null;
    }

    private void timedOut(Waiter waiter) {
        boolean stillWaiting;
        synchronized (this) {
            stillWaiting = waiters.remove(waiter);
        }
        if (stillWaiting) {
            stats.waiting(-1);
            waiter.failed.accept(PgWire.fatal(ByteBufAllocator.DEFAULT, "53300", "no server connection became free within "
                    + waitTimeout.toSeconds() + "s (the database's pool_size is " + route.poolSize() + ")"));
        }
    }

    /**
     * Opens one more connection when clients wait and the pool may grow, one at a time, as PgBouncer does: a burst of
     * clients is served by the connections that free up meanwhile instead of opening one backend each. Returns the
     * event loop to open it on (the longest waiter's), or null. Called with the lock held.
     */
    private EventLoop growIfWaiting() {
        if (retired || waiters.isEmpty() || connecting > 0 || open >= capacity()) {
            return null;
        }
        open++;
        connecting++;
        return waiters.peekFirst().loop;
    }

    private ServerConnection pollIdle(EventLoop preferred) {
        while (idleCount > 0) {
            Deque<ServerConnection> own = idle.get(preferred);
            ServerConnection found = own != null ? own.pollFirst() : null;
            if (found == null) {
                for (Deque<ServerConnection> other : idle.values()) {
                    found = other.pollFirst();
                    if (found != null) {
                        break;
                    }
                }
            }
            if (found == null) {
                idleCount = 0;
                return null;
            }
            idleCount--;
            if (found.channel.isActive()) {
                return found;
            }
        }
        return null;
    }

    /** Takes back a connection that is idle and clean: to the longest waiter, else to the idle list. */
    void release(ServerConnection server) {
        if (server.holdWhileCancelling(() -> release(server))) {
            return; // a cancel meant for the last client could still reach the backend: nobody else gets it before
        }
        Waiter next;
        EventLoop connectOn;
        synchronized (this) {
            boolean expired = System.nanoTime() - server.createdNanos > lifetime.toNanos();
            if (retired || expired || !server.channel.isActive() || open > capacity()) {
                server.channel.close(); // discard() follows and may serve a waiter
                return;
            }
            next = waiters.pollFirst();
            if (next == null) {
                server.idleSinceNanos = System.nanoTime();
                idle.computeIfAbsent(server.channel.eventLoop(), k -> new ArrayDeque<>()).addFirst(server);
                idleCount++;
                return;
            }
            connectOn = growIfWaiting();
        }
        handOver(next, server);
        connect(connectOn);
    }

    private void handOver(Waiter waiter, ServerConnection server) {
        waiter.timeout.cancel(false);
        stats.waiting(-1);
        stats.waited(System.nanoTime() - waiter.sinceNanos);
        waiter.loop.execute(() -> waiter.granted.accept(server));
    }

    /** A connection closed (by either side): forget it, and open a replacement if clients wait. */
    void discard(ServerConnection server) {
        EventLoop connectOn;
        synchronized (this) {
            Deque<ServerConnection> list = idle.get(server.channel.eventLoop());
            if (list != null && list.remove(server)) {
                idleCount--;
            }
            open--;
            stats.serverClosed();
            connectOn = growIfWaiting();
        }
        connect(connectOn);
    }

    /** Opens a connection on {@code loop} (nothing when null) and gives it to the longest waiter or the idle list. */
    private void connect(EventLoop loop) {
        if (loop == null) {
            return;
        }
        long started = System.nanoTime();
        ServerConnector.open(this, route, logins, loop, server -> {
            stats.serverOpened(System.nanoTime() - started);
            rememberWelcome(server);
            synchronized (this) {
                connecting--;
            }
            release(server);
        }, error -> {
            Waiter failedFor;
            EventLoop retryOn;
            synchronized (this) {
                connecting--;
                open--;
                failedFor = waiters.pollFirst();
                retryOn = growIfWaiting();
            }
            if (failedFor == null) {
                error.release();
            } else {
                // The longest waiter learns why (wrong upstream password, server down); the next one gets a new attempt.
                failedFor.timeout.cancel(false);
                stats.waiting(-1);
                failedFor.loop.execute(() -> failedFor.failed.accept(error));
            }
            connect(retryOn);
        });
    }

    /** Takes in a connection that is already logged in, as if the pool had opened it (tests drive the relay this way). */
    void adopt(ServerConnection server) {
        synchronized (this) {
            open++;
        }
        rememberWelcome(server);
        release(server);
    }

    /** The first connection's report is what clients logging in without a server are told. */
    private void rememberWelcome(ServerConnection server) {
        if (welcome == null) {
            welcome = Map.copyOf(server.settings);
        }
    }

    /** Opens a connection that goes straight to the idle list (for min_pool_size). */
    private void connectIdle(EventLoop loop) {
        ServerConnector.open(this, route, logins, loop, server -> {
            rememberWelcome(server);
            release(server);
        }, error -> {
            synchronized (this) {
                open--;
            }
            error.release();
        });
    }

    /**
     * Once a second: closes connections idle longer than the idle timeout (down to {@code min_pool_size}) or older than
     * their lifetime, and opens connections up to {@code min_pool_size}.
     */
    void maintain(Duration idleTimeout) {
        List<ServerConnection> toClose = new ArrayList<>();
        int missing;
        synchronized (this) {
            long now = System.nanoTime();
            ProxyRoute r = route;
            for (Deque<ServerConnection> list : idle.values()) {
                for (Iterator<ServerConnection> it = list.iterator(); it.hasNext(); ) {
                    ServerConnection server = it.next();
                    boolean tooOld = now - server.createdNanos > lifetime.toNanos();
                    boolean idleTooLong = now - server.idleSinceNanos > idleTimeout.toNanos() && open - toClose.size() > r.minPoolSize();
                    if (retired || tooOld || idleTooLong) {
                        it.remove();
                        idleCount--;
                        toClose.add(server);
                    }
                }
            }
            missing = retired ? 0 : Math.min(capacity(), r.minPoolSize()) - (open - toClose.size());
            if (missing > 0) {
                open += missing;
            }
        }
        toClose.forEach(server -> server.channel.close());
        for (int i = 0; i < missing; i++) {
            connectIdle(loops.next());
        }
    }

    /** The registration changed (address, credentials, timeout): idle connections close now, busy ones when given back. */
    void retire() {
        synchronized (this) {
            retired = true;
        }
        maintain(Duration.ZERO);
    }

    synchronized int open() {
        return open;
    }

    synchronized int idle() {
        return idleCount;
    }
}
