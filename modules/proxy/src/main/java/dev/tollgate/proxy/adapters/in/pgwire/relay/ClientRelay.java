package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.CancelTarget;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Closed;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Idle;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Closing;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Leased;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.LoggingIn;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.SkippingToSync;
import dev.tollgate.proxy.adapters.in.pgwire.relay.RelayState.Waiting;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ReplyQueue.Kind;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeCounters;
import dev.tollgate.proxy.domain.PoolMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Map;

/**
 * A logged-in client, message by message: the read loop, back-pressure between client and server, and the
 * {@link RelayState} machine. It borrows a server connection from the pool when the client sends something and gives
 * it back when the server is idle with nothing outstanding (transaction mode: ReadyForQuery 'I' after the last request;
 * statement mode: the same, refusing open transactions; session mode: at disconnect).
 *
 * <p>Across server connections it keeps the client's view consistent: named prepared statements are renamed
 * ({@link StatementRenaming}), what each server owes is tracked and its replies routed ({@link ReplyQueue}), servers
 * are borrowed, brought to the client's settings ({@link ClientSettings}) and cleaned before anyone else gets them
 * ({@link ServerLease}), and the tier limits are checked before each query ({@link QueryAdmission}). Bytes go both
 * ways through one {@link Flow}, which batches, flushes and applies back-pressure.
 *
 * <p>Everything here runs on the client's event loop; messages of a server on another loop are handed over to it.
 */
public final class ClientRelay extends ChannelInboundHandlerAdapter {
    private final PoolStats stats;
    private final Flow flow;
    private final ServerLease lease;
    private final ReplyQueue replies;
    private final StatementRenaming statements;
    private final QueryAdmission admission;
    /** The query shape of each simple query and execution, for the project's insights (ADR 0057). */
    private final StatementShapes shapes;
    /** Simple queries answered from the node's result cache, or captured for it (ADR 0059). */
    private final CachedQueries cached;
    /**
     * When each query and execute not yet forwarded was read from the client (metrics snapshots, ADR 0053): they are
     * forwarded in the order read, so the oldest stamp is the one of the message being forwarded.
     */
    private final Stamps received = new Stamps();
    /** Volatile: a CancelRequest, on another connection's event loop, asks which server the client holds. */
    private volatile RelayState state = LoggingIn.UNQUEUED;

    public ClientRelay(Channel client, ServerPool pool, Map<String, String> startup, ProxyMetrics metrics,
                       QueryLimits.Admission admission, Runnable loggedIn) {
        this(client, ReadRouting.primaryOnly(pool), null, startup, metrics, admission, loggedIn);
    }

    /**
     * A client of {@code pool}'s database whose reads may go to its replicas (ADR 0058): {@code pools} gives the pool of
     * a replica's route, {@code replicas} which replica is usable now; {@code cache} is the node's result cache (ADR 0059),
     * or null for none.
     */
    public ClientRelay(Channel client, ServerPool pool, java.util.function.Function<dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute,
                       ServerPool> pools, dev.tollgate.proxy.adapters.in.pgwire.backend.ReplicaMonitor replicas, ResultCache cache,
                       Map<String, String> startup, ProxyMetrics metrics, QueryLimits.Admission admission, Runnable loggedIn) {
        this(client, new ReadRouting(pool, pools, replicas), cache, startup, metrics, admission, loggedIn);
    }

    private ClientRelay(Channel client, ReadRouting routing, ResultCache cache, Map<String, String> startup, ProxyMetrics metrics,
                        QueryLimits.Admission admission, Runnable loggedIn) {
        ServerPool pool = routing.primary();
        PoolMode mode = pool.route().poolMode();
        ClientSettings settings = new ClientSettings(pool, startup);
        this.stats = pool.stats();
        this.flow = new Flow(client, this, stats);
        this.replies = new ReplyQueue(this, flow, settings, mode, stats);
        this.shapes = new StatementShapes(stats.shapes(), admission::maxQueryShapes);
        this.lease = new ServerLease(this, client, flow, settings, replies, routing, shapes, mode, metrics, loggedIn);
        this.statements = new StatementRenaming(this, flow, lease, replies, pool.statementNames());
        this.admission = new QueryAdmission(flow, replies, admission);
        this.cached = new CachedQueries(cache, pool, settings, flow, stats);
    }

    /** Finishes the login: with a pooled server's report at once, or after the first server connection logged in. */
    public void login() {
        lease.login();
    }

    /** True while the client waits for nothing: no request outstanding, no server being acquired for it. */
    public boolean idle() {
        RelayState now = state;
        return replies.isEmpty() && !(now instanceof LoggingIn || now instanceof Waiting) && !lease.hasQueued();
    }

    /**
     * Where a CancelRequest for this client must go: the server running its query, if it still holds one, claimed for
     * the cancel so that it goes to no other client before the upstream acted on it.
     */
    public CancelTarget cancelTarget() {
        ServerConnection current = state.server();
        return current == null ? null : current.cancelTarget(replies);
    }

    // ---- client to server ------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf message = (ByteBuf) msg;
        RelayState now = state;
        if (now.closed()) {
            message.release(); // read in the same batch as a message that ended the connection
            return;
        }
        flow.read(message);
        shapes.reading();
        byte type = message.getByte(message.readerIndex());
        if (type == 'X') {
            message.release();
            ctx.close();
            return;
        }
        if (now.server() == null && !lease.hasQueued() && type == 'Q' && admission.refusedBeforeLease(message, replies.status())) {
            return; // between transactions: a refused query is answered without taking a server from the pool
        }
        if (now.server() == null && !lease.hasQueued() && type == 'Q' && replies.isEmpty() && replies.status() == 'I'
                && cached.answered(message, shapes)) {
            admission.answeredWithoutServer();
            return; // answered from the result cache: no server is taken from the pool
        }
        if (type == 'Q' || type == 'E') {
            received.add(System.nanoTime());
        }
        if (now.server() == null || lease.hasQueued() || lease.holdsReplica()) {
            lease.queue(message, now);
            return;
        }
        forward(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flow.readComplete();
        ctx.fireChannelReadComplete();
    }

    /**
     * Passes one client message on; a malformed one (a name without its NUL, a body shorter than its fields) ends the
     * connection with 08P01 and is released: no frame stays pinned by a client that lies about its messages.
     */
    void forward(ByteBuf message) {
        try {
            forwardWellFormed(message);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            if (message.refCnt() > 0) {
                message.release();
            }
            RelayState now = state;
            if (!now.closed()) {
                state = new Closing(now.server());
                flow.flushClient();
                flow.tellClient(PgWire.fatal(flow.alloc(), "08P01", "invalid frontend message: " + malformed.getMessage()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private void forwardWellFormed(ByteBuf message) {
        switch (message.getByte(message.readerIndex())) {
            case 'Q' -> {
                long receivedAt = received.poll();
                if (admission.refusedQuery(message)) {
                    return;
                }
                stats.query();
                lease.noteSessionChanges(message, message.readerIndex() + 5);
                expectTimed(Kind.QUERY, receivedAt, shapes.query(message));
                ReplyCapture capture = cached.forwarding(message);
                if (capture != null) {
                    replies.capture(capture);
                }
                flow.toServer(message);
            }
            case 'P' -> {
                shapes.parse(message); // before the renaming, which releases the message
                statements.parse(message);
            }
            case 'B' -> {
                shapes.bind(message);
                statements.bind(message);
            }
            case 'D' -> statements.describe(message);
            case 'E' -> {
                long receivedAt = received.poll();
                if (!skippingToSync() && admission.refusedExecute(message)) {
                    return;
                }
                stats.query();
                expectTimed(Kind.EXECUTE, receivedAt, shapes.execute(message));
                flow.toServer(message);
            }
            case 'C' -> {
                shapes.close(message);
                statements.close(message);
            }
            case 'S' -> {
                if (state instanceof SkippingToSync skipping) {
                    state = new Leased(skipping.server());
                }
                lease.syncSent();
                replies.expect(Kind.SYNC);
                flow.toServer(message);
            }
            case 'F' -> {
                expect(Kind.FUNCTION);
                flow.toServer(message);
            }
            default -> flow.toServer(message); // Flush, CopyData, CopyDone, CopyFail
        }
    }

    // ---- what the relay's parts share (all on the client's event loop) --------------------------------------------

    RelayState state() {
        return state;
    }

    void state(RelayState next) {
        state = next;
    }

    ServerConnection server() {
        return state.server();
    }

    boolean skippingToSync() {
        return state instanceof SkippingToSync;
    }

    /** A query or execute the server will answer, unless it skips it after an error: its reply is timed. */
    private void expectTimed(Kind kind, long receivedNanos, ShapeCounters shape) {
        if (!skippingToSync()) {
            replies.expectTimed(kind, receivedNanos, shape);
        }
    }

    /** An error ended the extended-protocol batch before its Sync: the server skips what the client sends until then. */
    void skipToSync() {
        if (state instanceof Leased leased) {
            state = new SkippingToSync(leased.server());
        }
    }

    /** A request the server will answer, unless it skips it after an error. */
    void expect(Kind kind) {
        if (!skippingToSync()) {
            replies.expect(kind);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            flow.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The server is idle with nothing owed (and the client does not keep it for its session): back to the pool. */
    void serverIdle() {
        lease.release();
    }

    /** The server the client holds went away: the client cannot go on (its transaction, its session are gone). */
    void serverClosed(ServerConnection from) {
        RelayState now = state;
        if (from != now.server()) {
            return;
        }
        state = now.closed() ? Closed.INSTANCE : Idle.INSTANCE;
        replies.clear();
        if (!now.closed()) {
            flow.flushClient();
            flow.tellClient(PgWire.fatal(flow.alloc(), "08006", "the upstream server closed the connection"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        RelayState before = state;
        lease.clientGone(before);
        replies.releaseRefusals();
        replies.abandonCapture();
        statements.releaseAll();
        flow.discard();
        flow.flushServer();
        state = Closed.INSTANCE;
        if (before.server() != null) {
            lease.giveBackAfterClient(before.server(), before);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
