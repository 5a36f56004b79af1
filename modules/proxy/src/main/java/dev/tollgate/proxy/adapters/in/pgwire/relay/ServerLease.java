package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.backend.Waiter;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.SessionChanges;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Closed;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Closing;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Idle;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Leased;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.LoggingIn;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Waiting;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ReplyQueue.Kind;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.domain.PoolMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one client borrows servers from its pool: it asks when it has something to send (queuing what it sends until a
 * server is there), brings each server it is given to its settings ({@link ClientSettings}) before anything of its
 * own runs, and gives it back once it is idle with nothing owed, cleaned first of what the client changed in the
 * session (rolled back, reset), so that the next client sees none of it. Moves the relay between the states of
 * waiting for and holding a server ({@link RelayState}).
 */
final class ServerLease {
    private final ClientRelay relay;
    private final Channel client;
    private final Flow flow;
    private final ClientSettings settings;
    private final ReplyQueue replies;
    private final ReadRouting routing;
    private final StatementShapes shapes;
    /** The pool the client asks for logins and settings: its database's own (primary). */
    private final ServerPool pool;
    /** The pool of the server the client holds or waits for (a replica's, for a routed read), else null. */
    private ServerPool leasedFrom;
    private final PoolMode mode;
    private final ProxyMetrics metrics;
    private final Runnable loggedIn;
    /** What the client sent while no server was at hand, relayed in order once one is. */
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    /** What the client's SQL changed in the session of the server it holds ({@link SessionChanges} flags). */
    private int sessionChanges;
    /**
     * While the client holds a replica's server (a routed read, ADR 0058): whether the routed extended-protocol batch
     * (an unnamed Parse and what follows it) is still open, up to its Sync. Anything the client sends after the routed
     * statement waits for the replica's server to be given back, and then goes where routing sends it.
     */
    private boolean routedBatchOpen;
    /** When the client last asked the pool for a server (pool acquisition time in metrics snapshots, ADR 0053). */
    private long acquiringSince;

    ServerLease(ClientRelay relay, Channel client, Flow flow, ClientSettings settings, ReplyQueue replies, ReadRouting routing,
                StatementShapes shapes, PoolMode mode, ProxyMetrics metrics, Runnable loggedIn) {
        this.routing = routing;
        this.shapes = shapes;
        ServerPool pool = routing.primary();
        this.relay = relay;
        this.client = client;
        this.flow = flow;
        this.settings = settings;
        this.replies = replies;
        this.pool = pool;
        this.mode = mode;
        this.metrics = metrics;
        this.loggedIn = loggedIn;
    }

    /** Finishes the login: with a pooled server's report at once, or after the first server connection logged in. */
    void login() {
        Map<String, String> welcome = pool.welcome();
        if (mode != PoolMode.SESSION && welcome != null) {
            relay.state(Idle.INSTANCE);
            settings.welcome(client, welcome, loggedIn);
        } else {
            acquire(true);
        }
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    /**
     * True when a message read now must not go to the server the client holds: it holds a replica's server for a routed
     * read, and the message comes after that read (a pipelined write would fail on the replica). Until the routed
     * batch's Sync everything goes with it: PostgreSQL runs a batch up to its Sync as one implicit transaction, which
     * cannot be split between servers.
     */
    boolean holdsReplica() {
        return relay.server() != null && leasedFrom != pool && !routedBatchOpen;
    }

    /** A Sync was sent: a routed extended-protocol batch is complete. */
    void syncSent() {
        routedBatchOpen = false;
    }

    /** A message read while the client holds no server (or others wait before it): relayed once it has one. */
    void queue(ByteBuf message, RelayState now) {
        queued.add(message);
        if (now instanceof Idle) {
            acquire(false);
        } else if (holdsReplica()) {
            client.config().setAutoRead(false); // behind a routed read: bounded like a client waiting for a server
        }
    }

    /** Notes what the SQL at {@code sqlAt} changes in the session (nothing to note in session mode); returns it. */
    int noteSessionChanges(ByteBuf message, int sqlAt) {
        if (mode == PoolMode.SESSION) {
            return 0;
        }
        int flags = SessionChanges.scan(message, sqlAt);
        sessionChanges |= flags;
        return flags;
    }

    void changedSession(int flags) {
        sessionChanges |= flags;
    }

    private void acquire(boolean login) {
        acquiringSince = System.nanoTime();
        relay.state(login ? LoggingIn.UNQUEUED : Waiting.UNQUEUED);
        ServerPool from = login ? pool : routing.poolFor(queued.peekFirst(), replies.status(), shapes);
        leasedFrom = from;
        ServerConnection idle = from.acquire(client.eventLoop(), this::granted, this::acquireFailed,
                ticket -> relay.state(login ? new LoggingIn(ticket) : new Waiting(ticket)));
        if (idle != null) {
            granted(idle);
        } else {
            client.config().setAutoRead(false); // nothing more is read until a server is there to take it
        }
    }

    private void granted(ServerConnection granted) {
        RelayState before = relay.state();
        if (before.closed()) {
            leasedFrom.release(granted);
            return;
        }
        leasedFrom.stats().acquired(System.nanoTime() - acquiringSince);
        attach(granted);
        if (before instanceof LoggingIn) {
            settings.welcome(client, granted.settings(), loggedIn);
            if (mode != PoolMode.SESSION && queued.isEmpty() && replies.isEmpty()) {
                release();
                client.config().setAutoRead(true);
                return;
            }
        }
        ByteBuf head = queued.peekFirst();
        routedBatchOpen = leasedFrom != pool && head != null && head.getByte(head.readerIndex()) == 'P';
        ByteBuf message;
        while (relay.server() != null && (message = queued.pollFirst()) != null) {
            if (message != head && holdsReplica()) {
                queued.addFirst(message); // the rest waits for the replica's server to be given back
                break;
            }
            relay.forward(message);
        }
        if (!flow.inClientRead()) {
            flow.flushServer(); // granted later, after the read batch ended: nothing else will flush it
        }
        client.config().setAutoRead(queued.isEmpty()); // held behind a routed read: nothing more is read meanwhile
    }

    /** No server could be had (pool timeout, upstream down): the client is told why and hung up on. */
    private void acquireFailed(ByteBuf fatal) {
        if (relay.state().closed()) {
            fatal.release();
            return;
        }
        relay.state(new Closing(null));
        String sqlState = PgWire.errorField(fatal.slice(fatal.readerIndex() + 5, fatal.readableBytes() - 5), 'C');
        metrics.refused(sqlState == null ? "08006" : sqlState);
        flow.tellClient(fatal).addListener(ChannelFutureListener.CLOSE);
    }

    /** Takes the server and brings its settings to what this client expects, before anything of the client runs. */
    private void attach(ServerConnection granted) {
        relay.state(new Leased(granted));
        replies.newServer();
        granted.owner(replies);
        String sql = settings.sqlFor(granted);
        if (sql != null) {
            replies.expect(Kind.INTERNAL);
            flow.toServer(PgWire.query(client.alloc(), sql));
        }
    }

    /** Gives back the server, idle with nothing owed, reset first if the client changed its session. */
    void release() {
        RelayState before = relay.state();
        ServerConnection released = before.server();
        flow.flushServer(); // anything still queued for this server (a Flush message, say) goes to it, not to the next one
        relay.state(before.closed() ? Closed.INSTANCE : Idle.INSTANCE);
        released.owner(null);
        flow.flushClient();
        released.channel().config().setAutoRead(true);
        List<String> reset = resetFor(released, sessionChanges);
        sessionChanges = 0;
        routedBatchOpen = false;
        if (reset.isEmpty()) {
            leasedFrom.release(released);
        } else {
            released.resetThenRelease(reset);
        }
        if (!queued.isEmpty() && relay.state() instanceof Idle) {
            acquire(false); // what the client sent after a routed read: a server of its own now
        }
    }

    /** The client is gone: it leaves the line, its queued messages are dropped, and its server is given back if it can be. */
    void clientGone(RelayState before) {
        Waiter ticket = before instanceof Waiting w ? w.ticket() : before instanceof LoggingIn l ? l.ticket() : null;
        if (ticket != null) {
            ticket.cancel();
        }
        queued.forEach(ByteBuf::release);
        queued.clear();
    }

    /** The client left holding {@code left} in state {@code before}: reuse it if it can be made clean, else close it. */
    void giveBackAfterClient(ServerConnection left, RelayState before) {
        left.owner(null);
        left.channel().config().setAutoRead(true);
        // A request still running would answer nobody; after an error the server ignores everything, our reset too,
        // until a Sync. Either way it cannot be made clean.
        if (!replies.isEmpty() || before instanceof RelayState.SkippingToSync) {
            left.channel().close();
            return;
        }
        List<String> reset = new ArrayList<>();
        if (replies.status() != 'I') {
            reset.add("ROLLBACK");
        }
        reset.addAll(resetFor(left, mode == PoolMode.SESSION ? SessionChanges.SESSION : sessionChanges));
        if (reset.isEmpty()) {
            leasedFrom.release(left);
        } else {
            left.resetThenRelease(reset);
        }
    }

    /**
     * What makes {@code server} clean for the next client after {@code changes}: DISCARD ALL for state RESET ALL
     * cannot undo (PgBouncer's server_reset_query), else DEALLOCATE ALL and RESET ALL as needed. Forgets what the
     * reset removes: the pool's prepared statements on that server, and settings no longer reported.
     */
    private List<String> resetFor(ServerConnection server, int changes) {
        List<String> reset = new ArrayList<>();
        if ((changes & SessionChanges.SESSION) != 0) {
            reset.add("DISCARD ALL");
            server.forgetStatements();
            settings.forgetUnreported(server);
            return reset;
        }
        if ((changes & SessionChanges.STATEMENTS) != 0) {
            reset.add("DEALLOCATE ALL");
            server.forgetStatements();
        }
        if ((changes & SessionChanges.SETTINGS) != 0) {
            reset.add("RESET ALL");
            settings.forgetUnreported(server);
        }
        return reset;
    }
}
