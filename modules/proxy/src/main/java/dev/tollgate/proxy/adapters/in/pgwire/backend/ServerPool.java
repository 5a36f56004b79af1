package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.StatementNames;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The upstream connections of one database: at most {@code min(pool_size, max_active)} open, idle ones reused most
 * recently used first and preferably on the asking client's event loop (no thread hop on the hot path), clients queued
 * first come first served when all are busy and refused after the pool timeout, {@code min_pool_size} kept open, idle
 * and lifetime limits applied by {@link #maintain}.
 */
public final class ServerPool {
    private final EventLoopGroup loops;
    private final Duration waitTimeout;
    private final Duration lifetime;
    private final PoolStats stats;
    final String fingerprint;
    private volatile ProxyRoute route;
    private final IdleServers idle = new IdleServers();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private int connecting;
    private boolean retired;
    /** While above zero nobody is given a connection and none is opened or kept: its database is being copied. */
    private int pauses;
    /** What a new client is told at login (ParameterStatus) when no server is handed to it: the first login's report. */
    private volatile Map<String, String> welcome;
    private static final int MAX_SETTINGS_PROFILES = 1024;
    private final ConcurrentHashMap<String, Object> settingsProfiles = new ConcurrentHashMap<>();
    private final StatementNames statementNames = new StatementNames();

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

    public ProxyRoute route() {
        return route;
    }

    /** What a new client is told at login when no server is handed to it (null until a first connection logged in). */
    /**
     * One object per distinct set of client settings ({@code fingerprint}), shared by the clients that chose the same:
     * a server brought to one client's settings then serves the next such client as it is. Past a bound (clients
     * inventing settings) a fresh object, which only costs that client the comparison.
     */
    public Object settingsProfile(String fingerprint) {
        Object known = settingsProfiles.get(fingerprint);
        if (known != null) {
            return known;
        }
        return settingsProfiles.size() >= MAX_SETTINGS_PROFILES ? new Object() : settingsProfiles.computeIfAbsent(fingerprint, f -> new Object());
    }

    public Map<String, String> welcome() {
        return welcome;
    }

    public PoolStats stats() {
        return stats;
    }

    /** The pool's names for the statements its clients prepare. */
    public StatementNames statementNames() {
        return statementNames;
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
    public ServerConnection acquire(EventLoop loop, Consumer<ServerConnection> granted, Consumer<ByteBuf> failed,
                                    Consumer<Waiter> waiting) {
        Waiter waiter = new Waiter(this, loop, granted, failed);
        EventLoop connectOn;
        synchronized (this) {
            ServerConnection idleOne = pauses > 0 ? null : idle.poll(loop);
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

    /** {@code waiter} stopped waiting (its client left); true when it was still in line. */
    synchronized boolean forget(Waiter waiter) {
        return waiters.remove(waiter);
    }

    private void timedOut(Waiter waiter) {
        if (forget(waiter)) {
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
        if (retired || pauses > 0 || waiters.isEmpty() || connecting > 0 || open >= capacity()) {
            return null;
        }
        open++;
        connecting++;
        return waiters.peekFirst().loop;
    }

    /** Takes back a connection that is idle and clean: to the longest waiter, else to the idle list. */
    public void release(ServerConnection server) {
        if (server.holdWhileCancelling(() -> release(server))) {
            return; // a cancel meant for the last client could still reach the backend: nobody else gets it before
        }
        Waiter next;
        EventLoop connectOn;
        synchronized (this) {
            boolean expired = System.nanoTime() - server.createdNanos > lifetime.toNanos();
            if (retired || pauses > 0 || expired || !server.channel.isActive() || open > capacity()) {
                server.channel.close(); // discard() follows and may serve a waiter
                return;
            }
            next = waiters.pollFirst();
            if (next == null) {
                server.idleSinceNanos = System.nanoTime();
                idle.add(server);
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
            idle.remove(server);
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
            welcome = Map.copyOf(server.settings());
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
            idle.removeIf(server -> {
                boolean tooOld = now - server.createdNanos > lifetime.toNanos();
                boolean idleTooLong = now - server.idleSinceNanos > idleTimeout.toNanos() && open - toClose.size() > r.minPoolSize();
                return (retired || pauses > 0 || tooOld || idleTooLong) && toClose.add(server);
            });
            missing = retired || pauses > 0 ? 0 : Math.min(capacity(), r.minPoolSize()) - (open - toClose.size());
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

    /**
     * Stops serving until {@link #resume}: idle connections close now, busy ones as they come back, and clients asking
     * meanwhile wait in line (up to the pool timeout). PgBouncer's PAUSE, for copying the database as a template.
     */
    void pause() {
        synchronized (this) {
            pauses++;
        }
        maintain(Duration.ZERO);
    }

    /** Serves again: the clients that waited are given connections, opened one at a time as usual. */
    void resume() {
        EventLoop connectOn;
        synchronized (this) {
            pauses = Math.max(0, pauses - 1);
            connectOn = growIfWaiting();
        }
        connect(connectOn);
    }

    /** Connections open and not idle: held by clients (in a transaction, or for a whole session in session mode). */
    synchronized int busy() {
        return open - idle.count();
    }

    synchronized int open() {
        return open;
    }

    public synchronized int idle() {
        return idle.count();
    }
}
