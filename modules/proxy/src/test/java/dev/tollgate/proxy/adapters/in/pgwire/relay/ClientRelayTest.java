package dev.tollgate.proxy.adapters.in.pgwire.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.backend.BackendFixtures;
import dev.tollgate.proxy.adapters.in.pgwire.backend.CancelTarget;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.adapters.in.pgwire.usage.SnapshotCounters;
import dev.tollgate.proxy.adapters.in.pgwire.usage.UsageCounters;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.ShapeStats;
import dev.tollgate.proxy.domain.SslMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay's bookkeeping, message by message, with Netty's embedded channels standing in for client and servers:
 * when a server goes back to the pool, how prepared statements move between servers, and what the proxy answers itself.
 */
public class ClientRelayTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProxyMetrics metrics = new ProxyMetrics(registry, projectId -> 0);
    private final UUID databaseId = UUID.randomUUID();

    public ServerPool pool(PoolMode mode) {
        return pool(mode, 10);
    }

    ServerPool pool(PoolMode mode, int poolSize) {
        return pool(new ProxyRoute(UUID.randomUUID(), UUID.randomUUID(), databaseId, "127.0.0.1", 5432, "app", "app", "secret", SslMode.DISABLE,
                0, 100, poolSize, 1, 200, mode, null));
    }

    ServerPool pool(ProxyRoute route) {
        PoolStats stats = new PoolStats(registry.timer("wait"), registry.timer("login"), registry.counter("closed"),
                registry.counter("tx"), registry.counter("q"), registry.counter("out"), registry.counter("in"),
                new UsageCounters(route.organizationId(), route.projectId(), databaseId), new SnapshotCounters(route.projectId()));
        return BackendFixtures.pool(route, stats);
    }

    /** A logged-in server connection: what it is sent comes out of {@code channel.readOutbound()}. */
    public static ServerConnection server(ServerPool pool, int processId) {
        return BackendFixtures.adopt(pool, new EmbeddedChannel(), processId, 42, Map.of("application_name", "",
                "client_encoding", "UTF8", "DateStyle", "ISO, MDY", "TimeZone", "UTC", "server_version", "17.6"));
    }

    public EmbeddedChannel client(ServerPool pool) {
        return client(pool, QueryLimits.Admission.OPEN);
    }

    private EmbeddedChannel client(ServerPool pool, QueryLimits.Admission admission) {
        return client(pool, admission, Map.of());
    }

    private EmbeddedChannel client(ServerPool pool, QueryLimits.Admission admission, Map<String, String> startup) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientRelay relay = new ClientRelay(channel, pool, startup, metrics, admission, () -> { });
        channel.pipeline().addLast(relay);
        relay.login();
        List<Character> welcome = types(channel);
        assertEquals('R', welcome.get(0));
        assertEquals('Z', welcome.get(welcome.size() - 1));
        return channel;
    }

    // ---- messages ------------------------------------------------------------------------------------------------

    private static ByteBuf message(char type, ByteBuf body) {
        ByteBuf out = Unpooled.buffer().writeByte(type).writeInt(4 + body.readableBytes()).writeBytes(body);
        body.release();
        return out;
    }

    private static ByteBuf strings(String... values) {
        ByteBuf body = Unpooled.buffer();
        for (String value : values) {
            body.writeBytes(value.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        }
        return body;
    }

    private static ByteBuf parse(String name, String sql) {
        return message('P', strings(name, sql).writeShort(0));
    }

    private static ByteBuf bind(String statement) {
        return message('B', strings("", statement).writeShort(0).writeShort(0).writeShort(0));
    }

    private static ByteBuf execute() {
        return message('E', strings("").writeInt(0));
    }

    private static ByteBuf sync() {
        return message('S', Unpooled.buffer());
    }

    private static ByteBuf query(String sql) {
        return message('Q', strings(sql));
    }

    private static ByteBuf close(String statement) {
        return message('C', Unpooled.buffer().writeByte('S').writeBytes(strings(statement)));
    }

    private static ByteBuf empty(char type) {
        return message(type, Unpooled.buffer());
    }

    private static ByteBuf ready(char status) {
        return message('Z', Unpooled.buffer().writeByte(status));
    }

    private static ByteBuf complete(String tag) {
        return message('C', strings(tag));
    }

    private static ByteBuf error(String sqlState) {
        return message('E', Unpooled.buffer().writeByte('S').writeBytes(strings("ERROR")).writeByte('C').writeBytes(strings(sqlState))
                .writeByte('M').writeBytes(strings("boom")).writeByte(0));
    }

    private static void send(EmbeddedChannel client, ByteBuf... messages) {
        for (ByteBuf m : messages) {
            client.writeInbound(m);
        }
        client.pipeline().fireChannelReadComplete();
    }

    private static void answer(ServerConnection server, ByteBuf... messages) {
        EmbeddedChannel channel = (EmbeddedChannel) server.channel();
        for (ByteBuf m : messages) {
            channel.writeInbound(m);
        }
        channel.pipeline().fireChannelReadComplete();
    }

    /** The messages written to a channel so far, by type; the second string of a Parse/Bind/Query is kept in {@code texts}. */
    private static List<Character> types(EmbeddedChannel channel) {
        return types(channel, new ArrayList<>());
    }

    private static List<Character> types(EmbeddedChannel channel, List<String> texts) {
        List<Character> types = new ArrayList<>();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            // The relay batches small messages into one buffer: walk it message by message.
            while (written.isReadable()) {
                ByteBuf m = written.readSlice(1 + written.getInt(written.readerIndex() + 1));
                char type = (char) m.getByte(m.readerIndex());
                types.add(type);
                if (type == 'P' || type == 'Q') {
                    texts.add(type + ":" + PgWire.cStringAt(m, m.readerIndex() + 5));
                } else if (type == 'B') {
                    int portalEnd = m.indexOf(m.readerIndex() + 5, m.writerIndex(), (byte) 0);
                    texts.add("B:" + PgWire.cStringAt(m, portalEnd + 1));
                }
            }
            written.release();
        }
        return types;
    }

    private static List<Character> sent(ServerConnection server) {
        return types((EmbeddedChannel) server.channel());
    }

    // ---- behaviour -----------------------------------------------------------------------------------------------

    /** Admits {@code allowed} queries, then refuses every one with the daily limit's answer. */
    private static QueryLimits.Admission allowing(int allowed) {
        int[] left = {allowed};
        return () -> left[0]-- > 0 ? null
                : new dev.tollgate.proxy.domain.OrganizationQuota.Refusal("53400", "daily query limit reached");
    }

    @Test
    void malformedMessagesEndTheConnectionAndLeaveNoBufferBehind() {
        io.netty.util.ResourceLeakDetector.Level before = io.netty.util.ResourceLeakDetector.getLevel();
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.PARANOID);
        try {
            ByteBuf[][] cases = {
                    {message('P', Unpooled.buffer().writeBytes("stmt".getBytes(StandardCharsets.UTF_8)))},          // name without NUL
                    {message('P', strings("stmt").writeBytes("SELECT 1".getBytes(StandardCharsets.UTF_8)))},         // query without NUL
                    {message('B', Unpooled.buffer().writeBytes("portal".getBytes(StandardCharsets.UTF_8)))},
                    {message('B', strings("").writeBytes("stmt".getBytes(StandardCharsets.UTF_8)))},
                    {message('D', Unpooled.buffer())},                                                               // no S/P byte
                    {message('D', Unpooled.buffer().writeByte('S').writeBytes("stmt".getBytes(StandardCharsets.UTF_8)))},
                    {message('C', Unpooled.buffer().writeByte('S').writeBytes("stmt".getBytes(StandardCharsets.UTF_8)))},
                    {parse("ok", "SELECT 1"), message('C', Unpooled.buffer()), query("SELECT 2")}};              // and what follows it
            for (ByteBuf[] messages : cases) {
                ServerPool pool = pool(PoolMode.TRANSACTION);
                server(pool, 1);
                EmbeddedChannel client = client(pool);
                for (ByteBuf m : messages) {
                    m.retain(); // one reference for the test, to see whether the relay let go of its own
                }
                client.writeInbound((Object[]) messages); // in one read, as a client's pipelined messages arrive
                for (ByteBuf m : messages) {
                    assertEquals(1, m.refCnt(), "the relay released what it was given");
                    m.release();
                }
                List<String> texts = new ArrayList<>();
                List<Character> answered = types(client, texts);
                assertTrue(answered.contains('E'), "the client is told: " + answered);
                assertFalse(client.isOpen(), "and disconnected");
            }
        } finally {
            io.netty.util.ResourceLeakDetector.setLevel(before);
        }
    }

    @Test
    void aRefusedQueryBetweenTransactionsIsAnsweredWithoutTakingAServer() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool, allowing(0));
        send(client, query("SELECT 1"));
        assertEquals(List.of(), sent(server), "nothing reaches the server");
        assertEquals(List.of('E', 'Z'), types(client));
        assertEquals(1, pool.idle());
    }

    @Test
    void aRefusedExecuteFailsOnTheServerSoTheBatchIsSkippedAsAfterAnError() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool, allowing(1));
        send(client, parse("", "SELECT 1"), bind(""), execute(), parse("", "SELECT 2"), bind(""), execute(),
                parse("", "SELECT 3"), bind(""), execute(), sync());
        List<String> texts = new ArrayList<>();
        assertEquals(List.of('P', 'B', 'E', 'P', 'B', 'E', 'P', 'B', 'E', 'S'), types((EmbeddedChannel) server.channel(), texts),
                "an Execute of a portal that does not exist goes in the refused one's place");
        answer(server, empty('1'), empty('2'), complete("SELECT 1"), empty('1'), empty('2'));
        assertEquals(0, pool.idle(), "the batch's transaction is still open on this server");
        answer(server, error("34000"), ready('I'));
        List<String> errors = new ArrayList<>();
        assertEquals(List.of('1', '2', 'C', '1', '2', 'E', 'Z'), types(client, errors),
                "the refusal in the Execute's place; the server skipped the rest, as PostgreSQL does after an error");
        assertEquals(1, pool.idle());
        send(client, parse("", "SELECT 3"), bind(""), execute(), sync());
        assertEquals(List.of('P', 'B', 'E', 'S'), sent(server), "refused again: the daily allowance is spent");
    }

    @Test
    void aRefusedQueryInsideATransactionFailsTheTransactionLikeAnError() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool, allowing(1));
        send(client, query("BEGIN"));
        assertEquals(List.of('Q'), sent(server));
        send(client, query("SELECT 1"));
        List<String> texts = new ArrayList<>();
        assertEquals(List.of('Q'), types((EmbeddedChannel) server.channel(), texts));
        assertEquals("Q:tollgate refused this query", texts.get(0), "a statement sure to fail goes in its place");
        answer(server, complete("BEGIN"), ready('T'), error("42601"), ready('E'));
        assertEquals(List.of('C', 'Z', 'E', 'Z'), types(client));
        assertEquals(0, pool.idle(), "still in the (now failed) transaction");
    }

    @Test
    void aPipelineWithTwoSyncsKeepsItsServerUntilTheLastReadyForQuery() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, parse("", "SELECT 1"), bind(""), execute(), sync(), parse("", "SELECT 2"), bind(""), execute(), sync());
        assertEquals(List.of('P', 'B', 'E', 'S', 'P', 'B', 'E', 'S'), sent(server));
        assertEquals(0, pool.idle());

        answer(server, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(0, pool.idle(), "a second Sync is still owed: the server stays with the client");
        answer(server, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(1, pool.idle(), "back in the pool once nothing is owed");
        assertEquals(List.of('1', '2', 'C', 'Z', '1', '2', 'C', 'Z'), types(client));
    }

    @Test
    void eachCallIsBookedToItsShapeWithItsRowsAndReplyBytes() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, query("SELECT 1"));
        sent(server);
        answer(server, complete("SELECT 1"), ready('I'));
        send(client, query("SELECT 2")); // another literal, the same shape
        sent(server);
        answer(server, complete("SELECT 3"), ready('I'));
        types(client);
        // extended protocol: a named statement parsed once, executed twice through the unnamed portal
        send(client, parse("S_1", "UPDATE t SET a = $1 WHERE id = 7"), bind("S_1"), execute(), bind("S_1"), execute(), sync());
        sent(server);
        answer(server, empty('1'), empty('2'), complete("UPDATE 2"), empty('2'), complete("UPDATE 5"), ready('I'));
        types(client);

        java.util.Map<String, ShapeStats> taken = new java.util.HashMap<>();
        for (ShapeStats s : pool.stats().shapes().take(java.time.Instant.now(), System.nanoTime())) {
            taken.put(s.hash(), s);
        }
        assertEquals(2, taken.size(), taken.toString());
        ShapeStats select = taken.get(QueryShape.of("SELECT 1").id());
        assertEquals(2, select.calls());
        assertEquals(4, select.rows(), "SELECT 1 and SELECT 3");
        assertEquals(2 * 14, select.bytes(), "the two CommandCompletes: ReadyForQuery ends the call, it is not its reply");
        ShapeStats update = taken.get(QueryShape.of("UPDATE t SET a = 1 WHERE id = 7").id());
        assertEquals("UPDATE t SET a = $1 WHERE id = $2", update.pattern());
        assertEquals(2, update.calls());
        assertEquals(7, update.rows());
        assertEquals(2 * 14, update.bytes(), "BindComplete is the Bind's, not the Execute's");
    }

    @Test
    void aNamedStatementIsPreparedOncePerServerAndSharedByClients() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel first = client(pool);
        send(first, parse("S_1", "SELECT $1"), sync());
        List<String> texts = new ArrayList<>();
        assertEquals(List.of('P', 'S'), types((EmbeddedChannel) server.channel(), texts));
        assertEquals("P:tg_1", texts.get(0), "the pool's name, not the client's");
        answer(server, empty('1'), ready('I'));
        assertEquals(List.of('1', 'Z'), types(first));

        EmbeddedChannel second = client(pool);
        send(second, parse("other_name", "SELECT $1"), bind("other_name"), execute(), sync());
        texts.clear();
        assertEquals(List.of('B', 'E', 'S'), types((EmbeddedChannel) server.channel(), texts), "no second Parse");
        assertEquals("B:tg_1", texts.get(0));
        answer(server, empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(List.of('1', '2', 'C', 'Z'), types(second), "the proxy's ParseComplete in its place");
    }

    @Test
    void aServerWithoutTheStatementGetsItPreparedBeforeBind() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection b = server(pool, 2);
        EmbeddedChannel preparer = client(pool);
        send(preparer, parse("S_1", "SELECT 42"), sync());
        assertEquals(List.of('P', 'S'), sent(b));
        answer(b, empty('1'), ready('I'));
        types(preparer);

        EmbeddedChannel holder = client(pool);
        send(holder, query("BEGIN"));
        assertEquals(List.of('Q'), sent(b));
        answer(b, complete("BEGIN"), ready('T'));

        ServerConnection a = server(pool, 1); // the only idle server now: it never saw the statement
        send(preparer, bind("S_1"), execute(), sync());
        List<String> texts = new ArrayList<>();
        assertEquals(List.of('P', 'B', 'E', 'S'), types((EmbeddedChannel) a.channel(), texts));
        assertEquals(List.of("P:tg_1", "B:tg_1"), texts);
        answer(a, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(List.of('2', 'C', 'Z'), types(preparer), "the injected Parse's answer is swallowed");
    }

    @Test
    void anErrorSkipsWhatWasOwedUpToTheSync() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, parse("S_1", "SELEC oops"), bind("S_1"), execute(), sync());
        sent(server);
        answer(server, error("42601"), ready('I'));
        assertEquals(List.of('E', 'Z'), types(client));
        assertEquals(1, pool.idle());
        assertFalse(server.hasStatement("tg_1"), "a failed Parse leaves nothing prepared");
    }

    @Test
    void closingAStatementIsAnsweredByTheProxyInOrder() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, close("S_7"), sync());
        assertEquals(List.of('S'), sent(server), "the server keeps its statements for other clients");
        answer(server, ready('I'));
        assertEquals(List.of('3', 'Z'), types(client));
    }

    /** The texts of the Queries sent to {@code server} since the last look. */
    private static List<String> queries(ServerConnection server) {
        List<String> texts = new ArrayList<>();
        types((EmbeddedChannel) server.channel(), texts);
        return texts;
    }

    /** Answers the set_config query that brings a server to a client's application_name, as PostgreSQL does. */
    private static void answerSettings(ServerConnection server, String applicationName) {
        answer(server, message('S', strings("application_name", applicationName)), complete("SELECT 1"), ready('I'));
    }

    @Test
    void aServerBroughtToOneClientsSettingsServesTheNextClientOfTheSameSettingsAsItIs() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel alpha = client(pool, QueryLimits.Admission.OPEN, Map.of("application_name", "alpha"));
        send(alpha, query("SELECT 1"));
        List<String> first = queries(server);
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).contains("set_config('application_name', 'alpha'"), first.toString());
        answerSettings(server, "alpha");
        answer(server, complete("SELECT 1"), ready('I'));
        assertEquals(1, pool.idle());

        EmbeddedChannel alsoAlpha = client(pool, QueryLimits.Admission.OPEN, Map.of("application_name", "alpha"));
        send(alsoAlpha, query("SELECT 2"));
        assertEquals(List.of("Q:SELECT 2"), queries(server), "the same settings: nothing to set");
        answer(server, complete("SELECT 1"), ready('I'));

        EmbeddedChannel beta = client(pool, QueryLimits.Admission.OPEN, Map.of("application_name", "beta"));
        send(beta, query("SELECT 3"));
        List<String> third = queries(server);
        assertTrue(third.get(0).contains("set_config('application_name', 'beta'"), third.toString());
        answerSettings(server, "beta");
        answer(server, complete("SELECT 1"), ready('I'));

        send(alpha, query("SELECT 4"));
        List<String> back = queries(server);
        assertTrue(back.get(0).contains("set_config('application_name', 'alpha'"), "another client's settings came between: " + back);
        answerSettings(server, "alpha");
        answer(server, complete("SELECT 1"), ready('I'));

        // The client itself changes a reported setting: the server is reset, and no longer matches its old settings.
        send(alpha, query("SET application_name = 'gamma'"));
        assertEquals(List.of("Q:SET application_name = 'gamma'"), queries(server));
        answer(server, message('S', strings("application_name", "gamma")), complete("SET"), ready('I'));
        assertEquals(List.of("Q:RESET ALL"), queries(server));
        answer(server, message('S', strings("application_name", "")), complete("RESET"), ready('I'));
        send(alsoAlpha, query("SELECT 5"));
        List<String> after = queries(server);
        assertTrue(after.get(0).contains("set_config('application_name', 'alpha'"), after.toString());
    }

    @Test
    void anExtendedProtocolBatchReachesTheServerInOneWriteEvenWhenItsFirstMessageTakesTheServer() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        // One read batch, as the four messages arrive in one TCP segment (send() makes each message a batch of its own).
        for (ByteBuf m : List.of(parse("", "SELECT $1"), bind(""), execute(), sync())) {
            client.pipeline().fireChannelRead(m);
        }
        client.pipeline().fireChannelReadComplete();
        EmbeddedChannel upstream = (EmbeddedChannel) server.channel();
        assertEquals(1, upstream.outboundMessages().size(), "the Parse that took the server waits for the rest of its batch");
        assertEquals(List.of('P', 'B', 'E', 'S'), sent(server));
        answer(server, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(List.of('1', '2', 'C', 'Z'), types(client));
    }

    @Test
    void whatAClientPipelinesAfterARoutedReadWaitsForThePrimary() throws Exception {
        dev.tollgate.proxy.domain.Replica replica = new dev.tollgate.proxy.domain.Replica(UUID.randomUUID(), databaseId, "127.0.0.2", 5432,
                SslMode.DISABLE, java.time.Instant.now(), java.time.Instant.now());
        ProxyRoute route = new ProxyRoute(UUID.randomUUID(), UUID.randomUUID(), databaseId, "127.0.0.1", 5432, "app", "app", "secret",
                SslMode.DISABLE, 0, 100, 10, 1, 200, PoolMode.TRANSACTION, null, databaseId, null, List.of(replica), true);
        ServerPool primary = pool(route);
        ServerPool onReplica = pool(route.onReplica(replica));
        ServerConnection primaryServer = server(primary, 1);
        ServerConnection replicaServer = server(onReplica, 2);
        var monitor = BackendFixtures.replicas((r, which) -> new dev.tollgate.proxy.application.port.in.CheckReplicaUseCase.ReplicaHealth(
                true, java.time.Duration.ZERO, null), java.time.Duration.ofHours(1));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (monitor.pick(route) == null) { // the first check runs at once, on the monitor's own thread
            assertTrue(System.nanoTime() < deadline, "the replica was never checked");
            Thread.sleep(10);
        }
        EmbeddedChannel client = new EmbeddedChannel();
        ClientRelay relay = new ClientRelay(client, primary, r -> onReplica, monitor, null, Map.of(), metrics, QueryLimits.Admission.OPEN,
                () -> { });
        client.pipeline().addLast(relay);
        relay.login();
        types(client);

        // A read and a write in one read batch (pipelined): the read goes to the replica, the write waits for the primary.
        for (ByteBuf m : List.of(query("SELECT 1"), query("INSERT INTO t VALUES (1)"))) {
            client.pipeline().fireChannelRead(m);
        }
        client.pipeline().fireChannelReadComplete();
        assertEquals(List.of("Q:SELECT 1"), queries(replicaServer));
        assertEquals(List.of(), queries(primaryServer), "not before the replica's server is given back");
        assertFalse(client.config().isAutoRead(), "nothing more is read while statements wait behind the routed read");
        answer(replicaServer, complete("SELECT 1"), ready('I'));
        assertEquals(List.of("Q:INSERT INTO t VALUES (1)"), queries(primaryServer));
        assertTrue(client.config().isAutoRead());
        answer(primaryServer, complete("INSERT 0 1"), ready('I'));
        assertEquals(List.of('C', 'Z', 'C', 'Z'), types(client));
        assertEquals(1, primary.idle());
        assertEquals(1, onReplica.idle());

        // An extended-protocol read up to its Sync stays on the replica as one batch; what follows the Sync waits.
        for (ByteBuf m : List.of(parse("", "SELECT $1"), bind(""), execute(), sync(), parse("", "UPDATE t SET a = $1"), bind(""), execute(), sync())) {
            client.pipeline().fireChannelRead(m);
        }
        client.pipeline().fireChannelReadComplete();
        assertEquals(List.of('P', 'B', 'E', 'S'), sent(replicaServer));
        assertEquals(List.of(), sent(primaryServer));
        answer(replicaServer, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(List.of('P', 'B', 'E', 'S'), sent(primaryServer));
        answer(primaryServer, empty('1'), empty('2'), complete("UPDATE 1"), ready('I'));
        assertEquals(List.of('1', '2', 'C', 'Z', '1', '2', 'C', 'Z'), types(client));
    }

    @Test
    void withoutInsightsNothingIsBookedAndQueriesStillFlow() {
        ProxyRoute route = new ProxyRoute(UUID.randomUUID(), UUID.randomUUID(), databaseId, "127.0.0.1", 5432, "app", "app", "secret",
                SslMode.DISABLE, 0, 100, 10, 1, 200, PoolMode.TRANSACTION, null);
        PoolStats stats = new PoolStats(registry.timer("wait"), registry.timer("login"), registry.counter("closed"),
                registry.counter("tx"), registry.counter("q"), registry.counter("out"), registry.counter("in"),
                new UsageCounters(route.organizationId(), route.projectId(), databaseId), new SnapshotCounters(route.projectId()), null);
        ServerPool pool = BackendFixtures.pool(route, stats);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, query("SELECT 1"));
        assertEquals(List.of("Q:SELECT 1"), queries(server));
        answer(server, complete("SELECT 1"), ready('I'));
        send(client, parse("", "SELECT $1"), bind(""), execute(), sync());
        assertEquals(List.of('P', 'B', 'E', 'S'), sent(server));
        answer(server, empty('1'), empty('2'), complete("SELECT 1"), ready('I'));
        assertEquals(List.of('C', 'Z', '1', '2', 'C', 'Z'), types(client));
        assertEquals(1, pool.idle());
        assertNull(pool.stats().shapes());
        assertNull(new ProxyMetrics(registry, projectId -> 0, false).poolStats(new ProxyMetrics.ServerCount() {
            @Override
            public int open(UUID id) {
                return 0;
            }

            @Override
            public int idle(UUID id) {
                return 0;
            }
        }, route.organizationId(), route.projectId(), databaseId).shapes(), "a node without insights gives pools no book");
    }

    @Test
    void sessionChangesAreResetAndOpenTransactionsRolledBackBeforeReuse() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel setter = client(pool);
        send(setter, query("SET work_mem = '1GB'"));
        sent(server);
        answer(server, complete("SET"), ready('I'));
        List<String> texts = new ArrayList<>();
        types((EmbeddedChannel) server.channel(), texts);
        assertEquals(List.of("Q:RESET ALL"), texts);
        answer(server, complete("RESET"), ready('I'));
        assertEquals(1, pool.idle());

        EmbeddedChannel leaver = client(pool);
        send(leaver, query("BEGIN"));
        sent(server);
        answer(server, complete("BEGIN"), ready('T'));
        leaver.close();
        texts.clear();
        types((EmbeddedChannel) server.channel(), texts);
        assertEquals(List.of("Q:ROLLBACK"), texts);
        answer(server, complete("ROLLBACK"), ready('I'));
        assertEquals(1, pool.idle());
    }

    @Test
    void statementModeEndsAClientThatOpensATransaction() {
        ServerPool pool = pool(PoolMode.STATEMENT);
        ServerConnection server = server(pool, 1);
        EmbeddedChannel client = client(pool);
        send(client, query("BEGIN"));
        sent(server);
        answer(server, complete("BEGIN"), ready('T'));
        ByteBuf batch = client.readOutbound();
        assertEquals('C', batch.getByte(batch.readerIndex())); // CommandComplete of BEGIN, then the refusal
        batch.release();
        ByteBuf fatal = client.readOutbound();
        assertEquals('E', fatal.getByte(fatal.readerIndex()));
        assertEquals("0A000", PgWire.errorField(fatal.slice(fatal.readerIndex() + 5, fatal.readableBytes() - 5), 'C'));
        fatal.release();
        assertFalse(client.isActive());
        List<String> texts = new ArrayList<>();
        types((EmbeddedChannel) server.channel(), texts);
        assertEquals(List.of("Q:ROLLBACK"), texts);
    }

    @Test
    void theCancelTargetFollowsTheServerRunningTheClientsQuery() {
        ServerPool pool = pool(PoolMode.TRANSACTION);
        ServerConnection server = server(pool, 77);
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientRelay relay = new ClientRelay(channel, pool, Map.of(), metrics, QueryLimits.Admission.OPEN, () -> { });
        channel.pipeline().addLast(relay);
        relay.login();
        types(channel);
        assertNull(relay.cancelTarget(), "idle: nothing to cancel");
        send(channel, query("SELECT pg_sleep(10)"));
        CancelTarget target = relay.cancelTarget();
        assertEquals(77, target.processId());
        assertEquals(server, target.server());
        target.server().cancelForwarded(); // the upstream acted on it while the query still ran
        sent(server);
        answer(server, complete("SELECT 1"), ready('I'));
        assertNull(relay.cancelTarget());
        assertTrue(pool.idle() == 1);
    }

    @Test
    void aServerWhoseClientsCancelIsInFlightGoesToNoOneElseUntilTheUpstreamActedOnIt() {
        ServerPool pool = pool(PoolMode.TRANSACTION, 1);
        ServerConnection server = server(pool, 77);
        EmbeddedChannel alpha = client(pool);
        EmbeddedChannel beta = client(pool);
        ClientRelay alphaRelay = alpha.pipeline().get(ClientRelay.class);
        send(alpha, query("SELECT pg_sleep(10)"));
        assertEquals(List.of('Q'), sent(server));
        CancelTarget cancel = alphaRelay.cancelTarget(); // alpha's CancelRequest is on its way to the upstream
        answer(server, complete("SELECT 1"), ready('I')); // ... and the query ends before it gets there
        assertEquals(List.of('C', 'Z'), types(alpha));
        assertNull(alphaRelay.cancelTarget(), "alpha holds no server now: a later cancel goes nowhere");

        send(beta, query("SELECT 'beta'"));
        assertEquals(List.of(), sent(server), "beta waits: alpha's cancel could still land on beta's query");
        assertEquals(0, pool.idle());

        cancel.server().cancelForwarded(); // the upstream closed the cancel connection: it acted on it
        ((EmbeddedChannel) server.channel()).runPendingTasks();
        beta.runPendingTasks();
        assertEquals(List.of('Q'), sent(server), "then beta gets the server");
    }
}
