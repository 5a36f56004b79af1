package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeCounters;
import dev.tollgate.proxy.domain.PoolMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the server owes for each request sent, in order, and what each of its replies therefore means: passed to the
 * client, swallowed (the answers to the proxy's own requests), or answered by the proxy itself (synthetic entries,
 * refusals). The queue decides when a server is done with the client's requests: ReadyForQuery with nothing owed.
 * It is what the server a client holds talks to ({@link ServerConnection.Owner}), always on the client's event loop.
 */
final class ReplyQueue implements ServerConnection.Owner {
    /** What one request makes the server owe; synthetic entries are answered by the proxy itself. */
    enum Kind { PARSE, PARSE_SILENT, BIND, DESCRIBE_STATEMENT, DESCRIBE_PORTAL, EXECUTE, CLOSE, SYNC, QUERY, FUNCTION,
        INTERNAL, SYNTHETIC_PARSE_COMPLETE, SYNTHETIC_CLOSE_COMPLETE,
        /**
         * A query or execute the tier limits refused. The server is sent something that is sure to fail in its place,
         * so the transaction fails (or the batch is skipped up to Sync) exactly as PostgreSQL would after an error;
         * the server's error is then answered with the refusal.
         */
        REFUSED_QUERY, REFUSED_EXECUTE;

        boolean endsWithReadyForQuery() {
            return this == SYNC || this == QUERY || this == FUNCTION || this == INTERNAL || this == REFUSED_QUERY;
        }

        boolean synthetic() {
            return this == SYNTHETIC_PARSE_COMPLETE || this == SYNTHETIC_CLOSE_COMPLETE;
        }

        boolean refusal() {
            return this == REFUSED_QUERY || this == REFUSED_EXECUTE;
        }

        /** Whether a reply of {@code type} is the last one this request is owed. */
        boolean completedBy(byte type) {
            return switch (this) {
                case PARSE, PARSE_SILENT -> type == '1';
                case BIND -> type == '2';
                case DESCRIBE_STATEMENT, DESCRIBE_PORTAL -> type == 'T' || type == 'n';
                case EXECUTE -> type == 'C' || type == 'I' || type == 's';
                case CLOSE -> type == '3';
                default -> false;
            };
        }
    }

    /** One owed reply; {@code statement} is the server name a Parse prepares, else null. */
    record Expect(Kind kind, String statement) {
    }

    private static final Map<Kind, Expect> PLAIN = new EnumMap<>(Kind.class);

    static {
        for (Kind kind : Kind.values()) {
            PLAIN.put(kind, new Expect(kind, null));
        }
    }

    private final ClientRelay relay;
    private final Flow flow;
    private final ClientSettings settings;
    private final PoolMode mode;
    private final PoolStats stats;
    /** The transaction status the server last reported ('I' idle, 'T' in a transaction, 'E' in a failed one). */
    private char status = 'I';
    private final ArrayDeque<Expect> expected = new ArrayDeque<>();
    /** The errors owed for refused requests, in the order of their REFUSED_ entries. */
    private final ArrayDeque<ByteBuf> refusals = new ArrayDeque<>();
    /**
     * For each QUERY and EXECUTE entry, in order: when the client's message was read and when it was sent upstream
     * (metrics snapshots, ADR 0053). Only those entries have stamps, so the oldest stamps are the oldest such entry's.
     */
    private final Stamps receivedAt = new Stamps();
    private final Stamps sentAt = new Stamps();
    /**
     * For the same entries, the query shape each call is booked to (ADR 0057), {@link #NO_SHAPE} when unknown; and what
     * the oldest of them has been answered so far: rows (CommandComplete counts) and reply bytes sent to the client.
     */
    private final ArrayDeque<Object> shapes = new ArrayDeque<>();
    private static final Object NO_SHAPE = new Object();
    private long replyRows;
    private long replyBytes;
    /** The reply of a cacheable query being captured for the result cache (ADR 0059), else null. */
    private ReplyCapture capture;

    ReplyQueue(ClientRelay relay, Flow flow, ClientSettings settings, PoolMode mode, PoolStats stats) {
        this.relay = relay;
        this.flow = flow;
        this.settings = settings;
        this.mode = mode;
        this.stats = stats;
    }

    void expect(Kind kind) {
        expected.addLast(PLAIN.get(kind));
    }

    /** A query or execute of {@code shape} (null: unknown) read from the client at {@code receivedNanos}, sent to the server now. */
    void expectTimed(Kind kind, long receivedNanos, ShapeCounters shape) {
        expected.addLast(PLAIN.get(kind));
        receivedAt.add(receivedNanos);
        sentAt.add(System.nanoTime());
        shapes.addLast(shape == null ? NO_SHAPE : shape);
    }

    /** An entry left the queue: a query or execute is answered (or skipped by the server after an error). */
    private void settled(Kind kind) {
        if (kind == Kind.QUERY || kind == Kind.EXECUTE) {
            long received = receivedAt.poll();
            long now = System.nanoTime();
            stats.answered(received, sentAt.poll(), now);
            if (shapes.pollFirst() instanceof ShapeCounters shape && received != 0) {
                shape.record(now - received, replyRows, replyBytes, now);
            }
            replyRows = 0;
            replyBytes = 0;
        }
    }

    /** The reply to the QUERY entry just expected is to be captured. */
    void capture(ReplyCapture reply) {
        capture = reply;
    }

    /** The client or the server went away: a reply being captured will never be whole. */
    void abandonCapture() {
        if (capture != null) {
            capture.abandon();
            capture = null;
        }
    }

    /** A Parse that prepares {@code serverName} on the server. */
    void expectParse(Kind kind, String serverName) {
        expected.addLast(new Expect(kind, serverName));
    }

    /** A refused request: the server's error in its place is answered with {@code refusal}. */
    void expectRefusal(Kind kind, ByteBuf refusal) {
        refusals.addLast(refusal);
        expected.addLast(PLAIN.get(kind));
    }

    boolean isEmpty() {
        return expected.isEmpty();
    }

    /** The transaction status the server last reported; a server just taken from the pool is idle. */
    char status() {
        return status;
    }

    void newServer() {
        status = 'I';
    }

    /** Whether the server is answering the proxy's own request (settings for this client), not the client's. */
    boolean internal() {
        Expect head = expected.peekFirst();
        return head != null && head.kind() == Kind.INTERNAL;
    }

    /** The server is gone: nothing more is owed. */
    void clear() {
        abandonCapture();
        expected.clear();
        receivedAt.clear();
        sentAt.clear();
        shapes.clear();
        replyRows = 0;
        replyBytes = 0;
        releaseRefusals();
    }

    void releaseRefusals() {
        refusals.forEach(ByteBuf::release);
        refusals.clear();
    }

    // ---- the server's side --------------------------------------------------------------------------------------

    @Override
    public EventLoop loop() {
        return flow.loop();
    }

    @Override
    public void onServerMessage(ServerConnection from, ByteBuf message) {
        if (from != relay.server()) {
            message.release(); // a late message of a server given back already
            return;
        }
        byte type = message.getByte(message.readerIndex());
        switch (type) {
            case 'Z' -> readyForQuery(from, message);
            case 'E' -> error(from, message);
            case 'S' -> {
                if (internal()) {
                    message.release();
                } else {
                    if (capture != null) {
                        capture.spoil(); // the query changed a setting: it has an effect, not only a result
                    }
                    settings.remember(message); // a tracked setting the client changed is what it wants now
                    flow.toClient(message);
                }
            }
            case 'N', 'A' -> {
                if (internal()) {
                    message.release();
                } else {
                    if (capture != null) {
                        capture.spoil(); // a notice is the server's word on this run: not replayed
                    }
                    flow.toClient(message);
                }
            }
            default -> response(from, type, message);
        }
    }

    @Override
    public void onServerReadComplete(ServerConnection from) {
        flow.flushClient();
    }

    @Override
    public void onServerWritable(ServerConnection from) {
        flow.serverWritable(from);
    }

    @Override
    public void onServerClosed(ServerConnection from) {
        relay.serverClosed(from);
    }

    /** Answers the synthetic entries that have reached the head of the line, in the order the client expects. */
    void answerSynthetic() {
        Expect head;
        while ((head = expected.peekFirst()) != null && head.kind().synthetic()) {
            expected.pollFirst();
            flow.toClient(PgWire.empty(flow.alloc(), head.kind() == Kind.SYNTHETIC_PARSE_COMPLETE ? '1' : '3'));
        }
    }

    /** Any reply but ErrorResponse, ReadyForQuery and the asynchronous ones. */
    private void response(ServerConnection server, byte type, ByteBuf message) {
        Expect head = expected.peekFirst();
        if (head == null) {
            flow.toClient(message);
            return;
        }
        boolean completes = head.kind().completedBy(type);
        if (head.kind() == Kind.QUERY || head.kind() == Kind.EXECUTE) { // what the call returned (before the message is passed on)
            replyBytes += message.readableBytes();
            if (type == 'C') {
                replyRows += CommandTags.rows(message);
            }
            if (capture != null && head.kind() == Kind.QUERY) {
                capture.add(type, message);
            }
        }
        if (head.kind() == Kind.INTERNAL || (completes && head.kind() == Kind.PARSE_SILENT)) {
            message.release();
        } else {
            flow.toClient(message);
        }
        if (completes) {
            expected.pollFirst();
            settled(head.kind());
            if (head.statement() != null) {
                server.prepared(head.statement());
            }
            answerSynthetic();
        }
    }

    private void error(ServerConnection server, ByteBuf message) {
        Expect head = expected.peekFirst();
        if (head != null && head.kind() == Kind.INTERNAL) {
            // Applying the client's startup settings failed (say, an unknown time zone): the client cannot be served.
            ByteBuf body = message.slice(message.readerIndex() + 5, message.readableBytes() - 5);
            String sqlState = PgWire.errorField(body, 'C');
            String text = PgWire.errorField(body, 'M');
            message.release();
            flow.tellClient(PgWire.fatal(flow.alloc(), sqlState == null ? "08P01" : sqlState,
                    "invalid connection setting: " + text)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (capture != null) {
            capture.spoil();
        }
        if (head != null && head.kind().refusal()) {
            message.release(); // the failure we caused in the refused message's place: the client gets the refusal
            flow.toClient(refusals.pollFirst());
        } else {
            flow.toClient(message);
        }
        if (head == null || head.kind() == Kind.QUERY || head.kind() == Kind.FUNCTION || head.kind() == Kind.REFUSED_QUERY) {
            return; // ReadyForQuery follows
        }
        // Extended protocol: the server ignores everything up to the next Sync, so nothing else is owed until then.
        boolean first = true;
        while (!expected.isEmpty() && expected.peekFirst().kind() != Kind.SYNC) {
            Expect skipped = expected.pollFirst();
            settled(skipped.kind());
            if (skipped.statement() != null) {
                server.notPrepared(skipped.statement());
            }
            if (!first && skipped.kind().refusal()) {
                refusals.pollFirst().release(); // skipped by the server like the rest: no second error for the client
            }
            first = false;
        }
        if (expected.isEmpty()) {
            relay.skipToSync();
        }
    }

    /**
     * Settles what the ReadyForQuery answers (everything up to the first request that ends with one) and passes it on,
     * unless it ends the proxy's own query; in statement pooling a transaction block gets the client hung up on.
     */
    private void readyForQuery(ServerConnection server, ByteBuf message) {
        status = (char) message.getByte(message.readerIndex() + 5);
        Kind done = null;
        while (!expected.isEmpty()) {
            Expect next = expected.pollFirst();
            settled(next.kind());
            if (next.kind().endsWithReadyForQuery()) {
                done = next.kind();
                break;
            }
            if (next.statement() != null) {
                server.notPrepared(next.statement());
            }
        }
        if (done == Kind.QUERY && capture != null) {
            capture.finish(status);
            capture = null;
        }
        if (done == Kind.INTERNAL) {
            message.release();
        } else if (mode == PoolMode.STATEMENT && status != 'I' && expected.isEmpty()) {
            message.release();
            flow.tellClient(PgWire.fatal(flow.alloc(), "0A000",
                    "transaction blocks are not allowed in statement pooling mode")).addListener(ChannelFutureListener.CLOSE);
            return;
        } else {
            flow.toClient(message);
            if (status == 'I') {
                stats.transaction();
            }
        }
        answerSynthetic();
        if (expected.isEmpty() && status == 'I' && mode != PoolMode.SESSION) {
            relay.serverIdle();
        }
    }
}
