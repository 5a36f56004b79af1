package dev.tollgate.proxy.adapters.in.pgwire;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tier limits enforced by the proxy on every query, from memory, through the real PostgreSQL JDBC driver: queries
 * per day, queries per second and connections. The operator changes an organization's limits with PgBeam's
 * SetEnterprisePlan and the next query already obeys them.
 */
@MicronautTest(transactional = false)
class ProxyLimitsTest extends HttpTest {
    static final String PASSWORD = "limited-secret";
    static final String OPERATOR_SECRET = "limits-operator";
    /** Both nodes must open the upstream passwords this one sealed. */
    static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyLimitsUseCase quotas;
    @Value("${datasources.default.url}")
    String databaseUrl;
    @Inject
    dev.tollgate.tenancy.api.TenancyApi tenancy;
    /** Stands still unless a test moves it: token buckets refill only when a test says so. */
    @Inject
    MutableClock clock;
    String orgId;
    String projectId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("tollgate.master-key", MASTER_KEY);
        // This node reports only when a test says so: what metering holds is then exactly what the second node reported.
        properties.put("tollgate.proxy.usage-flush-interval", "1h");
        properties.put("tollgate.internal-secret", OPERATOR_SECRET);
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @BeforeEach
    void registerProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"limited-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
        projectId = http.post("/v1/projects", """
                {"name":"limited","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable","pool_config":{"pool_size":20,"min_pool_size":1,"pool_mode":"transaction"}}}"""
                .formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private void limits(String fields) {
        http.post("/v1/internal/enterprise-plan", "{\"org_id\":\"" + orgId + "\",\"billing_provider\":\"manual\"" + fields + "}",
                "X-Internal-Secret", OPERATOR_SECRET).expect(200).conformsTo(PGBEAM);
    }

    private Connection connect() throws SQLException {
        return connect(proxy.port());
    }

    private Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    @Test
    void theDailyAllowanceStopsQueriesWithAnErrorThatSaysWhenItResets() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            limits(",\"queries_per_day\":0"); // unlimited while we learn what the driver itself sends
            limits(",\"queries_per_day\":20");
            int ran = 0;
            SQLException refused = null;
            for (int i = 0; i < 40 && refused == null; i++) {
                try {
                    s.execute("SELECT " + i);
                    ran++;
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null && ran <= 20, "refused after at most 20 queries, ran " + ran);
            assertEquals("53400", refused.getSQLState());
            assertTrue(refused.getMessage().contains("daily query limit reached") && refused.getMessage().contains("resets at"),
                    refused.getMessage());
            // The connection is still usable, and a raised allowance takes effect on the next query.
            limits(",\"queries_per_day\":1000");
            s.execute("SELECT 'again'");
            // Extended protocol: a refused Execute fails that statement only.
            limits(",\"queries_per_day\":1");
            try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ps.setInt(1, 7);
                SQLException e = assertThrows(SQLException.class, ps::executeQuery);
                assertEquals("53400", e.getSQLState());
            }
            limits(",\"queries_per_day\":1000");
            try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ps.setInt(1, 8);
                assertTrue(ps.executeQuery().next());
            }
        }
    }

    @Test
    void queriesPerSecondAreCappedByATokenBucket() throws Exception {
        limits(",\"queries_per_second\":5"); // burst 10
        try (Connection c = connect(); Statement s = c.createStatement()) {
            int ran = 0;
            SQLException refused = null;
            for (int i = 0; i < 50; i++) {
                try {
                    s.execute("SELECT " + i);
                    ran++;
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertTrue(ran <= 10 && refused != null, "at most the burst of 10 ran with the clock standing still, ran " + ran);
            assertEquals("53400", refused.getSQLState());
            assertTrue(refused.getMessage().contains("5 queries per second per project (burst 10); retry in"), refused.getMessage());
            // The clock stands still, so the bucket refills only as the test moves it: 5 tokens a second, greedily.
            clock.advance(Duration.ofMillis(199));
            assertEquals("53400", assertThrows(SQLException.class, () -> s.execute("SELECT 'not yet'")).getSQLState(),
                    "0.995 of a token: not yet one");
            clock.advance(Duration.ofMillis(801));
            for (int i = 0; i < 5; i++) {
                s.execute("SELECT 'refilled " + i + "'");
            }
            assertEquals("53400", assertThrows(SQLException.class, () -> s.execute("SELECT 'one too many'")).getSQLState(),
                    "one second refills exactly five");
        }
    }

    @Test
    void maxConnectionsFollowsTheTier() throws Exception {
        limits(",\"max_connections\":2");
        try (Connection a = connect(); Connection b = connect()) {
            SQLException e = assertThrows(SQLException.class, this::connect);
            assertEquals("53300", e.getSQLState());
            assertTrue(e.getMessage().contains("max_connections 2 on the enterprise plan"), e.getMessage());
        }
    }

    @Test
    void aConnectionStormAdmitsExactlyMaxConnectionsAndFreesEverySlotItTook() throws Exception {
        limits(",\"max_connections\":10");
        List<Connection> admitted = storm(80);
        try {
            assertEquals(10, admitted.size(), "80 simultaneous logins, max_connections 10");
            for (Connection c : admitted) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }
            assertEquals("53300", assertThrows(SQLException.class, this::connect).getSQLState());
        } finally {
            closeAll(admitted);
        }
        // Every slot, taken or refused, is given back: the next ten fit (once the proxy has seen the hang-ups).
        List<Connection> again = new ArrayList<>();
        try {
            while (again.size() < 10) {
                again.add(connectOnceSlotsFree());
            }
            assertEquals("53300", assertThrows(SQLException.class, this::connect).getSQLState(), "and the eleventh does not");
        } finally {
            closeAll(again);
        }
    }

    @Test
    void aTierDowngradeWhileSixtyFourSessionsRunAppliesToTheirNextQueryAndDropsNone() throws Exception {
        limits(",\"max_connections\":100");
        List<Connection> sessions = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sessions.add(connect());
        }
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch allRunning = new CountDownLatch(64);
        AtomicBoolean downgraded = new AtomicBoolean();
        AtomicInteger ranAfterDowngrade = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (Connection c : sessions) {
                done.add(pool.submit(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                        allRunning.countDown();
                        // Each session keeps querying until the downgraded tier refuses it once.
                        for (int i = 0; i < 100_000; i++) {
                            boolean after = downgraded.get();
                            try {
                                s.execute("SELECT 1");
                                if (after) {
                                    ranAfterDowngrade.incrementAndGet();
                                }
                            } catch (SQLException e) {
                                assertEquals("53400", e.getSQLState(), e.getMessage());
                                // Refused by the new tier only: the old one had no rate limit.
                                assertTrue(e.getMessage().contains("50 queries per second per project (burst 100)"), e.getMessage());
                                return null;
                            }
                        }
                    }
                    throw new AssertionError("never refused after the downgrade");
                }));
            }
            allRunning.await();
            limits(",\"max_connections\":8,\"queries_per_second\":50");
            downgraded.set(true);
            for (Future<?> f : done) {
                f.get();
            }
            // The clock stands still: what ran after the downgrade came out of the new tier's burst.
            assertTrue(ranAfterDowngrade.get() <= 100, "at most the burst of 100 ran after the downgrade: " + ranAfterDowngrade);
            SQLException refused = assertThrows(SQLException.class, this::connect);
            assertEquals("53300", refused.getSQLState());
            assertTrue(refused.getMessage().contains("max_connections 8"), refused.getMessage());
            // No session was dropped: each is still open, and one second refills exactly 50 queries among them.
            clock.advance(Duration.ofSeconds(1));
            int ran = 0;
            for (Connection c : sessions) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    ran++;
                } catch (SQLException e) {
                    assertEquals("53400", e.getSQLState(), e.getMessage());
                }
            }
            assertEquals(50, ran);
        } finally {
            pool.shutdownNow();
            closeAll(sessions.subList(8, 64));
        }
        // The eight left fill the new max_connections; once one more leaves, a newcomer fits.
        try {
            assertEquals("53300", assertThrows(SQLException.class, this::connect).getSQLState());
            sessions.get(7).close();
            clock.advance(Duration.ofSeconds(1)); // the driver's own queries at login need tokens too
            connectOnceSlotsFree().close();
        } finally {
            closeAll(sessions.subList(0, 8));
        }
    }

    /** {@code clients} logins at the same instant: the connections admitted (the others must be refused with 53300). */
    private List<Connection> storm(int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Connection>> attempts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return connect();
                } catch (SQLException e) {
                    assertEquals("53300", e.getSQLState(), e.getMessage());
                    assertTrue(e.getMessage().contains("too many connections for this project"), e.getMessage());
                    return null;
                }
            }));
        }
        start.countDown();
        List<Connection> admitted = new ArrayList<>();
        try {
            for (Future<Connection> attempt : attempts) {
                Connection c = attempt.get();
                if (c != null) {
                    admitted.add(c);
                }
            }
        } finally {
            pool.shutdown();
        }
        return admitted;
    }

    /** Connects, retrying while the proxy has yet to see earlier clients hang up (it learns of it asynchronously). */
    private Connection connectOnceSlotsFree() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return connect();
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void closeAll(List<Connection> connections) throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    @Test
    void sixtyFourConcurrentSessionsNeverPushUsagePastTheDailyAllowance() throws Exception {
        limits(",\"queries_per_day\":0");
        List<Connection> sessions = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sessions.add(connect());
        }
        limits(",\"queries_per_day\":500");
        var quota = quotas.quotaOf(tenancy.findOrganization(orgId).orElseThrow().id());
        long usedWhileConnecting = quota.usedToday(); // what the driver sends at connection counts too
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (Connection c : sessions) {
            done.add(pool.submit(() -> {
                start.await();
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < 20; i++) {
                        try {
                            s.execute("SELECT 1");
                            ran.incrementAndGet();
                        } catch (SQLException e) {
                            assertEquals("53400", e.getSQLState());
                            refused.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        for (Connection c : sessions) {
            c.close();
        }
        assertEquals(500 - usedWhileConnecting, ran.get(), "exactly the rest of the allowance ran");
        assertEquals(64 * 20 - ran.get(), refused.get());
        assertEquals(500, quota.usedToday(), "never past the allowance");
    }

    @Test
    void queriesASecondNodeAdmittedReachThisNodesCountThroughMetering() throws Exception {
        limits(",\"queries_per_day\":1000");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        UUID organization = tenancy.findOrganization(orgId).orElseThrow().id();
        var quota = quotas.quotaOf(organization);
        long local = quota.usedToday();
        // A real second node on the same control-plane database, as ProxyUsageMeteringTest starts one.
        long secondNodeCount;
        try (ApplicationContext node = ApplicationContext.run(Map.of(
                "datasources.default.url", databaseUrl, "datasources.default.username", "postgres",
                "datasources.default.password", "postgres", "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES", "tollgate.proxy.port", "0", "tollgate.region", "second-node",
                "tollgate.proxy.usage-flush-interval", "1h", "tollgate.master-key", MASTER_KEY,
                "tollgate.proxy.allowed-upstreams", "127.0.0.0/8"), "test")) {
            try (Connection c = connect(node.getBean(PgWireServer.class).port()); Statement s = c.createStatement()) {
                for (int i = 0; i < 30; i++) {
                    s.execute("SELECT " + i);
                }
            }
            secondNodeCount = node.getBean(ProxyLimitsUseCase.class).quotaOf(organization).usedToday();
            assertTrue(node.getBean(ProxyUsageReporter.class).flush(), "the second node reported its usage");
        }
        assertTrue(secondNodeCount >= 30 && secondNodeCount > local, "second node " + secondNodeCount + ", this node " + local);
        assertEquals(local, quota.usedToday(), "per-node counting (ADR 0013): the other node's queries are not seen before a refresh");
        // The second node stamped its events with the real clock, later than this node's standing test clock: move this
        // clock past them, or metering's window (start of day .. now) would end before them and count none.
        Instant later = Instant.now().isAfter(clock.instant()) ? Instant.now() : clock.instant();
        clock.set(later.plusSeconds(1));
        quotas.refreshAll(); // reads metering's figure: this node never reported (flushes hourly here), the second node did
        assertEquals(secondNodeCount, quota.usedToday(), "the count is the larger of this node's and metering's");
        quotas.refreshAll();
        assertEquals(secondNodeCount, quota.usedToday(), "and reading it again counts nothing twice");
    }
}
