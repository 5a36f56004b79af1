package dev.tollgate.proxy.adapters.in.pgwire;

import dev.tollgate.proxy.domain.OrganizationQuota;
import dev.tollgate.proxy.domain.PoolMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A logged-in client, message by message. It borrows a server connection from the pool when the client sends
 * something and gives it back when the server is idle with nothing outstanding (transaction mode: ReadyForQuery 'I'
 * after the last request; statement mode: the same, refusing open transactions; session mode: at disconnect).
 *
 * <p>Across server connections it keeps the client's view consistent: named prepared statements are renamed to the
 * pool's names and prepared on whichever server runs them (Parse injected before Bind or Describe, its ParseComplete
 * swallowed; a Parse the server already has and every Close of a statement answered by the proxy in order), the
 * client's reported settings (application_name, TimeZone, ...) are applied to each server it gets, and a server left
 * in a transaction or with changed settings is rolled back and reset before anyone else gets it.
 *
 * <p>Everything here runs on the client's event loop; messages of a server on another loop are handed over to it.
 */
final class ClientRelay extends ChannelInboundHandlerAdapter implements ServerConnection.Owner {
    /** What the server owes for each request sent, in order; synthetic entries are answered by the proxy itself. */
    private enum Kind { PARSE, PARSE_SILENT, BIND, DESCRIBE_STATEMENT, DESCRIBE_PORTAL, EXECUTE, CLOSE, SYNC, QUERY, FUNCTION,
        INTERNAL, SYNTHETIC_PARSE_COMPLETE, SYNTHETIC_CLOSE_COMPLETE,
        /**
         * A query or execute the tier limits refused. The server is sent something that is sure to fail in its place,
         * so the transaction fails (or the batch is skipped up to Sync) exactly as PostgreSQL would after an error;
         * the server's error is then answered with the refusal.
         */
        REFUSED_QUERY, REFUSED_EXECUTE }

    private record Expect(Kind kind, String statement) {
        boolean endsWithReadyForQuery() {
            return kind == Kind.SYNC || kind == Kind.QUERY || kind == Kind.FUNCTION || kind == Kind.INTERNAL || kind == Kind.REFUSED_QUERY;
        }
    }

    private static final Map<Kind, Expect> PLAIN = new java.util.EnumMap<>(Kind.class);

    static {
        for (Kind kind : Kind.values()) {
            PLAIN.put(kind, new Expect(kind, null));
        }
    }

    /** The settings PostgreSQL reports to clients that a client may choose at startup, and that the proxy carries over. */
    static final List<String> TRACKED = List.of("application_name", "client_encoding", "DateStyle", "IntervalStyle", "TimeZone",
            "extra_float_digits", "search_path", "standard_conforming_strings");

    /**
     * A client's named statement: the pool's name for it, the Parse that prepares it under that name, and what its SQL
     * changes in a session ({@link SessionChanges} flags), owed again by every execution.
     */
    private record ClientStatement(String serverName, ByteBuf parse, int sessionFlags) {
    }

    private final Channel client;
    private final ServerPool pool;
    private final PoolMode mode;
    private final PoolStats stats;
    private final ProxyMetrics metrics;
    private final Runnable loggedIn;
    /** The client's value of each tracked setting; absent = the server's default. */
    private final Map<String, String> wanted = new HashMap<>();
    private final Map<String, ClientStatement> statements = new HashMap<>();
    private final ArrayDeque<Expect> expected = new ArrayDeque<>();
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private volatile ServerConnection server;
    private ServerPool.Waiter waiter;
    private boolean loggingIn = true;
    private boolean acquiring;
    private boolean closed;
    private boolean discardUntilSync;
    /** The limits checked before every query (queries per second and per day). */
    private final QueryLimits.Admission admission;
    /** The next Query was admitted before a server was acquired for it. */
    private boolean admittedAhead;
    private final ArrayDeque<ByteBuf> refusals = new ArrayDeque<>();
    private int sessionChanges;
    private boolean clientNeedsFlush;
    private boolean serverNeedsFlush;
    private char status = 'I';
    private final OutboundBatch toClient = new OutboundBatch();
    private final OutboundBatch toServer = new OutboundBatch();
    /** Bytes relayed since the last flush: counted per batch, not per message. */
    private long bytesToServer;
    private long bytesToClient;

    ClientRelay(Channel client, ServerPool pool, Map<String, String> startup, ProxyMetrics metrics, QueryLimits.Admission admission,
                Runnable loggedIn) {
        this.admission = admission;
        this.client = client;
        this.pool = pool;
        this.mode = pool.route().poolMode();
        this.stats = pool.stats();
        this.metrics = metrics;
        this.loggedIn = loggedIn;
        startup.forEach((name, value) -> TRACKED.stream().filter(name::equalsIgnoreCase).findFirst()
                .ifPresent(canonical -> wanted.put(canonical, value)));
    }

    /** Finishes the login: with a pooled server's report at once, or after the first server connection logged in. */
    void login() {
        Map<String, String> welcome = pool.welcome();
        if (mode != PoolMode.SESSION && welcome != null) {
            welcome(welcome);
        } else {
            acquire();
        }
    }

    private void welcome(Map<String, String> reported) {
        loggingIn = false;
        client.write(PgWire.authentication(client.alloc(), 0, new byte[0]));
        reported.forEach((name, value) -> client.write(PgWire.parameterStatus(client.alloc(), name, wanted.getOrDefault(name, value))));
        loggedIn.run(); // the session writes BackendKeyData
        client.writeAndFlush(PgWire.readyForQuery(client.alloc(), 'I'));
    }

    /** True while the client waits for nothing: no request outstanding, no server being acquired for it. */
    boolean idle() {
        return expected.isEmpty() && !acquiring && queued.isEmpty();
    }

    /**
     * Where a CancelRequest for this client must go: the server running its query, if it still holds one, claimed for
     * the cancel so that it goes to no other client before the upstream acted on it.
     */
    CancelRegistry.Target cancelTarget() {
        ServerConnection current = server;
        return current == null || !current.cancelFor(this) ? null
                : new CancelRegistry.Target(current.channel.remoteAddress(), current.processId, current.secretKey, current);
    }

    // ---- client to server ------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf message = (ByteBuf) msg;
        if (closed) {
            message.release(); // read in the same batch as a message that ended the connection
            return;
        }
        bytesToServer += message.readableBytes();
        if (message.getByte(message.readerIndex()) == 'X') {
            message.release();
            ctx.close();
            return;
        }
        if (server == null && queued.isEmpty() && message.getByte(message.readerIndex()) == 'Q') {
            // Between transactions: a refused query is answered here, without taking a server from the pool.
            OrganizationQuota.Refusal refusal = admission.check();
            if (refusal != null) {
                message.release();
                toClient(PgWire.error(client.alloc(), refusal.sqlState(), refusal.message()));
                toClient(PgWire.readyForQuery(client.alloc(), status));
                flushClient();
                return;
            }
            admittedAhead = true;
        }
        if (server == null || !queued.isEmpty()) {
            queued.add(message);
            if (!acquiring) {
                acquire();
            }
            return;
        }
        forward(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        stats.bytesToServer.increment(bytesToServer);
        bytesToServer = 0;
        flushServer();
        ctx.fireChannelReadComplete();
    }

    /**
     * Passes one client message on; a malformed one (a name without its NUL, a body shorter than its fields) ends the
     * connection with 08P01 and is released: no frame stays pinned by a client that lies about its messages.
     */
    private void forward(ByteBuf message) {
        try {
            forwardWellFormed(message);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            if (message.refCnt() > 0) {
                message.release();
            }
            if (!closed) {
                closed = true;
                flushClient();
                tellClient(PgWire.fatal(client.alloc(), "08P01", "invalid frontend message: " + malformed.getMessage()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private void forwardWellFormed(ByteBuf message) {
        byte type = message.getByte(message.readerIndex());
        switch (type) {
            case 'Q' -> {
                if (refused(Kind.REFUSED_QUERY)) {
                    message.release();
                    send(PgWire.query(client.alloc(), "tollgate refused this query"));
                    return;
                }
                stats.query();
                noteSessionChanges(message, message.readerIndex() + 5);
                expect(Kind.QUERY);
                send(message);
            }
            case 'P' -> parse(message);
            case 'B' -> bind(message);
            case 'D' -> describe(message);
            case 'E' -> {
                if (!discardUntilSync && refused(Kind.REFUSED_EXECUTE)) {
                    message.release();
                    send(PgWire.execute(client.alloc(), "tollgate refused this execute"));
                    return;
                }
                stats.query();
                expect(Kind.EXECUTE);
                send(message);
            }
            case 'C' -> close(message);
            case 'S' -> {
                discardUntilSync = false;
                expected.addLast(PLAIN.get(Kind.SYNC));
                send(message);
            }
            case 'F' -> {
                expect(Kind.FUNCTION);
                send(message);
            }
            default -> send(message); // Flush, CopyData, CopyDone, CopyFail
        }
    }

    private void parse(ByteBuf message) {
        int body = message.readerIndex() + 5;
        String name = PgWire.cStringAt(message, body);
        if (name.isEmpty()) {
            noteSessionChanges(message, body + 1);
            expect(Kind.PARSE);
            send(message);
            return;
        }
        int definition = PgWire.afterCString(message, body);
        PgWire.afterCString(message, definition); // the query text ends with its NUL, or the message is malformed
        int end = message.readerIndex() + message.readableBytes();
        int flags = noteSessionChanges(message, definition);
        String serverName = pool.statementNames.nameFor(message.slice(definition, end - definition));
        ByteBuf parse = client.alloc().buffer(6 + serverName.length() + end - definition);
        parse.writeByte('P').writeInt(0);
        PgWire.cstring(parse, serverName);
        parse.writeBytes(message, definition, end - definition);
        parse.setInt(1, parse.writerIndex() - 1);
        message.release();
        ClientStatement previous = statements.put(name, new ClientStatement(serverName, parse, flags));
        if (previous != null) {
            previous.parse().release();
        }
        if (discardUntilSync) {
            return; // the server skips it after an error; so do we
        }
        if (server.hasStatement(serverName)) {
            expected.addLast(PLAIN.get(Kind.SYNTHETIC_PARSE_COMPLETE));
            answerSynthetic();
        } else {
            server.preparing.add(serverName);
            expected.addLast(new Expect(Kind.PARSE, serverName));
            send(parse.retainedDuplicate());
        }
    }

    private void bind(ByteBuf message) {
        int body = message.readerIndex() + 5;
        int statementAt = PgWire.afterCString(message, body);
        String name = PgWire.cStringAt(message, statementAt);
        ClientStatement statement = name.isEmpty() ? null : statements.get(name);
        if (statement == null) {
            expect(Kind.BIND);
            send(message); // unnamed, or unknown: the server answers as it would without the proxy
            return;
        }
        prepareOnServer(statement);
        sessionChanges |= statement.sessionFlags(); // a named statement taking a lock, say, takes it at every execution
        int rest = PgWire.afterCString(message, statementAt);
        int end = message.readerIndex() + message.readableBytes();
        ByteBuf bind = client.alloc().buffer(message.readableBytes() + statement.serverName().length());
        bind.writeByte('B').writeInt(0);
        bind.writeBytes(message, body, statementAt - body);
        PgWire.cstring(bind, statement.serverName());
        bind.writeBytes(message, rest, end - rest);
        bind.setInt(1, bind.writerIndex() - 1);
        message.release();
        expect(Kind.BIND);
        send(bind);
    }

    private void describe(ByteBuf message) {
        int body = message.readerIndex() + 5;
        if (PgWire.byteAt(message, body) != 'S') {
            expect(Kind.DESCRIBE_PORTAL);
            send(message);
            return;
        }
        String name = PgWire.cStringAt(message, body + 1);
        ClientStatement statement = name.isEmpty() ? null : statements.get(name);
        if (statement == null) {
            expect(Kind.DESCRIBE_STATEMENT);
            send(message);
            return;
        }
        message.release();
        prepareOnServer(statement);
        ByteBuf describe = client.alloc().buffer(7 + statement.serverName().length());
        describe.writeByte('D').writeInt(0).writeByte('S');
        PgWire.cstring(describe, statement.serverName());
        describe.setInt(1, describe.writerIndex() - 1);
        expect(Kind.DESCRIBE_STATEMENT);
        send(describe);
    }

    private void close(ByteBuf message) {
        int body = message.readerIndex() + 5;
        String name = PgWire.cStringAt(message, body + 1);
        if (PgWire.byteAt(message, body) != 'S' || name.isEmpty()) {
            expect(Kind.CLOSE);
            send(message);
            return;
        }
        // The server keeps the statement for the next client that prepares the same query; the client is told it is closed.
        message.release();
        ClientStatement statement = statements.remove(name);
        if (statement != null) {
            statement.parse().release();
        }
        if (!discardUntilSync) {
            expected.addLast(PLAIN.get(Kind.SYNTHETIC_CLOSE_COMPLETE));
            answerSynthetic();
        }
    }

    /** Injects the statement's Parse when the current server does not have it yet; its ParseComplete is swallowed. */
    private void prepareOnServer(ClientStatement statement) {
        if (!discardUntilSync && !server.hasStatement(statement.serverName())) {
            server.preparing.add(statement.serverName());
            expected.addLast(new Expect(Kind.PARSE_SILENT, statement.serverName()));
            send(statement.parse().retainedDuplicate());
        }
    }

    private void expect(Kind kind) {
        if (!discardUntilSync) {
            expected.addLast(PLAIN.get(kind));
        }
    }

    private void send(ByteBuf message) {
        toServer.add(server.channel, message);
        serverNeedsFlush = true;
    }

    private void flushServer() {
        ServerConnection current = server;
        if (serverNeedsFlush && current != null) {
            serverNeedsFlush = false;
            toServer.writePending(current.channel);
            current.channel.flush();
            if (!current.channel.isWritable()) {
                client.config().setAutoRead(false);
            }
        }
    }

    private int noteSessionChanges(ByteBuf message, int sqlAt) {
        if (mode == PoolMode.SESSION) {
            return 0;
        }
        int flags = SessionChanges.scan(message, sqlAt);
        sessionChanges |= flags;
        return flags;
    }

    // ---- server to client ------------------------------------------------------------------------------------------

    @Override
    public EventLoop loop() {
        return client.eventLoop();
    }

    @Override
    public void onServerMessage(ServerConnection from, ByteBuf message) {
        if (from != server) {
            message.release(); // a late message of a server given back already
            return;
        }
        byte type = message.getByte(message.readerIndex());
        Expect head = expected.peekFirst();
        boolean internal = head != null && head.kind() == Kind.INTERNAL;
        switch (type) {
            case 'Z' -> readyForQuery(message);
            case 'E' -> error(message, head);
            case 'S' -> {
                if (internal) {
                    message.release();
                } else {
                    rememberReported(message);
                    toClient(message);
                }
            }
            case 'N', 'A' -> {
                if (internal) {
                    message.release();
                } else {
                    toClient(message);
                }
            }
            default -> response(type, message, head);
        }
    }

    private void response(byte type, ByteBuf message, Expect head) {
        if (head == null) {
            toClient(message);
            return;
        }
        boolean completes = switch (head.kind()) {
            case PARSE, PARSE_SILENT -> type == '1';
            case BIND -> type == '2';
            case DESCRIBE_STATEMENT, DESCRIBE_PORTAL -> type == 'T' || type == 'n';
            case EXECUTE -> type == 'C' || type == 'I' || type == 's';
            case CLOSE -> type == '3';
            default -> false;
        };
        if (head.kind() == Kind.INTERNAL || (completes && head.kind() == Kind.PARSE_SILENT)) {
            message.release();
        } else {
            toClient(message);
        }
        if (completes) {
            expected.pollFirst();
            if (head.statement() != null) {
                server.preparing.remove(head.statement());
                server.prepared.add(head.statement());
            }
            answerSynthetic();
        }
    }

    private void error(ByteBuf message, Expect head) {
        if (head != null && head.kind() == Kind.INTERNAL) {
            // Applying the client's startup settings failed (say, an unknown time zone): the client cannot be served.
            ByteBuf body = message.slice(message.readerIndex() + 5, message.readableBytes() - 5);
            String sqlState = PgWire.errorField(body, 'C');
            String text = PgWire.errorField(body, 'M');
            message.release();
            tellClient(PgWire.fatal(client.alloc(), sqlState == null ? "08P01" : sqlState,
                    "invalid connection setting: " + text)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (head != null && isRefusal(head.kind())) {
            message.release(); // the failure we caused in the refused message's place: the client gets the refusal
            toClient(refusals.pollFirst());
        } else {
            toClient(message);
        }
        if (head == null || head.kind() == Kind.QUERY || head.kind() == Kind.FUNCTION || head.kind() == Kind.REFUSED_QUERY) {
            return; // ReadyForQuery follows
        }
        // Extended protocol: the server ignores everything up to the next Sync, so nothing else is owed until then.
        boolean first = true;
        while (!expected.isEmpty() && expected.peekFirst().kind() != Kind.SYNC) {
            Expect skipped = expected.pollFirst();
            if (skipped.statement() != null) {
                server.preparing.remove(skipped.statement());
            }
            if (!first && isRefusal(skipped.kind())) {
                refusals.pollFirst().release(); // skipped by the server like the rest: no second error for the client
            }
            first = false;
        }
        if (expected.isEmpty()) {
            discardUntilSync = true;
        }
    }

    private void readyForQuery(ByteBuf message) {
        char state = (char) message.getByte(message.readerIndex() + 5);
        Expect done = null;
        while (!expected.isEmpty()) {
            Expect next = expected.pollFirst();
            if (next.endsWithReadyForQuery()) {
                done = next;
                break;
            }
            if (next.statement() != null) {
                server.preparing.remove(next.statement());
            }
        }
        status = state;
        if (done != null && done.kind() == Kind.INTERNAL) {
            message.release();
        } else if (mode == PoolMode.STATEMENT && state != 'I' && expected.isEmpty()) {
            message.release();
            tellClient(PgWire.fatal(client.alloc(), "0A000",
                    "transaction blocks are not allowed in statement pooling mode")).addListener(ChannelFutureListener.CLOSE);
            return;
        } else {
            toClient(message);
            if (state == 'I') {
                stats.transactions.increment();
            }
        }
        answerSynthetic();
        if (expected.isEmpty() && state == 'I' && mode != PoolMode.SESSION && !loggingIn) {
            releaseServer();
        }
    }

    /**
     * Checks the limits before a Query or Execute (unless it was admitted before a server was taken). A refusal is
     * queued with its expectation; the caller sends the server a message that fails in the refused one's place.
     */
    private boolean refused(Kind kind) {
        if (admittedAhead) {
            admittedAhead = false;
            return false;
        }
        OrganizationQuota.Refusal refusal = admission.check();
        if (refusal == null) {
            return false;
        }
        refusals.addLast(PgWire.error(client.alloc(), refusal.sqlState(), refusal.message()));
        expected.addLast(PLAIN.get(kind));
        return true;
    }

    /** Answers the synthetic entries that have reached the head of the line, in the order the client expects. */
    private void answerSynthetic() {
        Expect head;
        while ((head = expected.peekFirst()) != null && isSynthetic(head.kind())) {
            expected.pollFirst();
            toClient(PgWire.empty(client.alloc(), head.kind() == Kind.SYNTHETIC_PARSE_COMPLETE ? '1' : '3'));
        }
    }

    private static boolean isSynthetic(Kind kind) {
        return kind == Kind.SYNTHETIC_PARSE_COMPLETE || kind == Kind.SYNTHETIC_CLOSE_COMPLETE;
    }

    private static boolean isRefusal(Kind kind) {
        return kind == Kind.REFUSED_QUERY || kind == Kind.REFUSED_EXECUTE;
    }

    private void rememberReported(ByteBuf message) {
        int body = message.readerIndex() + 5;
        String name = PgWire.cStringAt(message, body);
        if (TRACKED.contains(name)) {
            wanted.put(name, PgWire.cStringAt(message, PgWire.afterCString(message, body)));
        }
    }

    private void toClient(ByteBuf message) {
        bytesToClient += message.readableBytes();
        toClient.add(client, message);
        clientNeedsFlush = true;
    }

    /** Writes something the proxy says itself (an error before closing, say) after everything queued for the client. */
    private io.netty.channel.ChannelFuture tellClient(ByteBuf message) {
        toClient.writePending(client);
        return client.writeAndFlush(message);
    }

    private void flushClient() {
        if (clientNeedsFlush) {
            clientNeedsFlush = false;
            toClient.writePending(client);
            stats.sentToClient(bytesToClient);
            bytesToClient = 0;
            client.flush();
            ServerConnection current = server;
            if (!client.isWritable() && current != null) {
                current.channel.config().setAutoRead(false);
            }
        }
    }

    @Override
    public void onServerReadComplete(ServerConnection from) {
        flushClient();
    }

    @Override
    public void onServerWritable(ServerConnection from) {
        if (from == server) {
            client.config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ServerConnection current = server;
        if (ctx.channel().isWritable() && current != null) {
            current.channel.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void onServerClosed(ServerConnection from) {
        if (from != server) {
            return;
        }
        server = null;
        expected.clear();
        refusals.forEach(ByteBuf::release);
        refusals.clear();
        if (!closed) {
            flushClient();
            tellClient(PgWire.fatal(client.alloc(), "08006", "the upstream server closed the connection"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ---- borrowing and giving back ---------------------------------------------------------------------------------

    private void acquire() {
        acquiring = true;
        ServerConnection idle = pool.acquire(client.eventLoop(), this::granted, this::acquireFailed, w -> waiter = w);
        if (idle != null) {
            granted(idle);
        } else if (acquiring) {
            client.config().setAutoRead(false);
        }
    }

    private void granted(ServerConnection granted) {
        acquiring = false;
        waiter = null;
        if (closed) {
            pool.release(granted);
            return;
        }
        attach(granted);
        if (loggingIn) {
            welcome(granted.settings);
            if (mode != PoolMode.SESSION && queued.isEmpty() && expected.isEmpty()) {
                releaseServer();
                client.config().setAutoRead(true);
                return;
            }
        }
        ByteBuf message;
        while (server != null && (message = queued.pollFirst()) != null) {
            forward(message);
        }
        flushServer();
        client.config().setAutoRead(true);
    }

    private void acquireFailed(ByteBuf fatal) {
        acquiring = false;
        waiter = null;
        if (closed) {
            fatal.release();
            return;
        }
        String sqlState = PgWire.errorField(fatal.slice(fatal.readerIndex() + 5, fatal.readableBytes() - 5), 'C');
        metrics.refused(sqlState == null ? "08006" : sqlState);
        tellClient(fatal).addListener(ChannelFutureListener.CLOSE);
    }

    /** Takes the server and brings its settings to what this client expects, before anything of the client runs. */
    private void attach(ServerConnection granted) {
        server = granted;
        status = 'I';
        granted.owner(this);
        Map<String, String> welcome = pool.welcome();
        StringBuilder sql = new StringBuilder();
        for (String name : TRACKED) {
            String want = wanted.get(name);
            String has = granted.settings.get(name);
            boolean reported = welcome != null && welcome.containsKey(name);
            if (want == null && reported) {
                want = welcome.get(name); // what every client gets unless it chose otherwise
            }
            if (java.util.Objects.equals(want, has)) {
                continue;
            }
            if (want == null) {
                sql.append("RESET ").append(name).append(';');
                granted.settings.remove(name);
            } else {
                sql.append("SELECT pg_catalog.set_config('").append(name).append("', '").append(want.replace("'", "''"))
                        .append("', false);");
                granted.settings.put(name, want);
            }
        }
        if (!sql.isEmpty()) {
            expected.addLast(PLAIN.get(Kind.INTERNAL));
            send(PgWire.query(client.alloc(), sql.toString()));
        }
    }

    private void releaseServer() {
        ServerConnection released = server;
        flushServer(); // anything still queued for this server (a Flush message, say) goes to it, not to the next one
        server = null;
        released.owner(null);
        flushClient();
        released.channel.config().setAutoRead(true);
        List<String> reset = resetFor(released, sessionChanges);
        sessionChanges = 0;
        if (reset.isEmpty()) {
            pool.release(released);
        } else {
            released.resetThenRelease(reset);
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
            server.prepared.clear();
            forgetUnreported(server);
            return reset;
        }
        if ((changes & SessionChanges.STATEMENTS) != 0) {
            reset.add("DEALLOCATE ALL");
            server.prepared.clear();
        }
        if ((changes & SessionChanges.SETTINGS) != 0) {
            reset.add("RESET ALL");
            forgetUnreported(server);
        }
        return reset;
    }

    /** After a reset the server reports the settings that changed; the others are back to their defaults. */
    private void forgetUnreported(ServerConnection released) {
        Map<String, String> welcome = pool.welcome();
        for (String name : TRACKED) {
            if (welcome == null || !welcome.containsKey(name)) {
                released.settings.remove(name);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (waiter != null) {
            waiter.cancel();
            waiter = null;
        }
        queued.forEach(ByteBuf::release);
        queued.clear();
        refusals.forEach(ByteBuf::release);
        refusals.clear();
        statements.values().forEach(statement -> statement.parse().release());
        statements.clear();
        toClient.discard();
        ServerConnection left = server;
        flushServer();
        server = null;
        if (left != null) {
            left.owner(null);
            giveBackAfterClient(left);
        }
        ctx.fireChannelInactive();
    }

    /** The client left holding a server: reuse it if it can be made clean, else close it. */
    private void giveBackAfterClient(ServerConnection left) {
        left.channel.config().setAutoRead(true);
        if (!expected.isEmpty()) {
            left.channel.close(); // a request is still running: its answers would reach nobody
            return;
        }
        List<String> reset = new ArrayList<>();
        if (status != 'I') {
            reset.add("ROLLBACK");
        }
        reset.addAll(resetFor(left, mode == PoolMode.SESSION ? SessionChanges.SESSION : sessionChanges));
        if (reset.isEmpty()) {
            pool.release(left);
        } else {
            left.resetThenRelease(reset);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
