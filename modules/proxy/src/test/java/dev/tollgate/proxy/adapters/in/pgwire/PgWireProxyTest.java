package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL JDBC driver through the proxy to the embedded PostgreSQL, registered as a project's database. */
@MicronautTest(transactional = false)
class PgWireProxyTest extends HttpTest {
    static final String PASSWORD = "client-facing-secret";
    @Inject
    PgWireServer proxy;
    String token;
    String projectId;

    @Override
    public java.util.Map<String, String> getProperties() {
        java.util.Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.default-max-connections", "3");
        properties.put("tollgate.proxy.pool-timeout", "1s");
        return properties;
    }

    @BeforeAll
    void registerProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"dba-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        projectId = createProject(signedUp.get("organization").get("id").asText());
    }

    private String createProject(String orgId) {
        return http.post("/v1/projects", """
                {"name":"wire","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD),
                "Authorization", "Bearer " + token).expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String user, String password, String database, String options) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        if (options != null) {
            p.setProperty("options", options);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, p);
    }

    private static String sqlState(ThrowingConnect connect) {
        return assertThrows(SQLException.class, connect::run).getSQLState();
    }

    interface ThrowingConnect {
        void run() throws SQLException;
    }

    @Test
    void theUserFormRoutesAndQueriesRunThroughTheProxy() throws Exception {
        try (Connection c = connect("postgres." + projectId, PASSWORD, "postgres", null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, current_database(), 40 + 2")) {
            rs.next();
            assertEquals("postgres", rs.getString(1));
            assertEquals("postgres", rs.getString(2));
            assertEquals(42, rs.getInt(3));
        }
    }

    @Test
    void prometheusMetricsShowConnectionsBytesAndRefusals() throws Exception {
        try (Connection c = connect("postgres." + projectId, PASSWORD, "postgres", null); Statement s = c.createStatement()) {
            s.execute("SELECT repeat('x', 10000)");
            String metrics = http.get("/metrics", "X-Internal-Secret", "test-operator-secret").expect(200).body();
            assertTrue(metrics.contains("tollgate_proxy_client_connections{project=\"" + projectId + "\"}"), metrics);
            assertTrue(metrics.contains("direction=\"to_client\",project=\"" + projectId + "\"}"), metrics);
            assertTrue(metrics.contains("tollgate_proxy_transactions_total{database=\"db_"), metrics);
            assertTrue(metrics.contains("tollgate_proxy_login_seconds_count{project=\"" + projectId + "\"}"), metrics);
        }
        assertThrows(SQLException.class, () -> connect("postgres." + projectId, "wrong", "postgres", null).close());
        assertTrue(http.get("/metrics", "X-Internal-Secret", "test-operator-secret").body().contains("tollgate_proxy_connections_refused_total{sqlstate=\"28P01\"}"));
    }

    @Test
    void theOptionsFormAndServerSidePreparedStatementsWork() throws Exception {
        try (Connection c = connect("postgres", PASSWORD, "postgres", "project=" + projectId)) {
            c.unwrap(org.postgresql.PGConnection.class).setPrepareThreshold(1);
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::int * 2")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(i * 2, rs.getInt(1));
                    }
                }
            }
        }
    }

    @Test
    void refusalsCarryTheRightSqlState() {
        assertEquals("28P01", sqlState(() -> connect("postgres." + projectId, "wrong password", "postgres", null).close()));
        assertEquals("28P01", sqlState(() -> connect("someone." + projectId, PASSWORD, "postgres", null).close()));
        assertEquals("08004", sqlState(() -> connect("postgres.prj_01h455vb4pex5vsknk084sn02q", PASSWORD, "postgres", null).close()));
        assertEquals("08004", sqlState(() -> connect("postgres", PASSWORD, "postgres", null).close()));
        assertEquals("3D000", sqlState(() -> connect("postgres." + projectId, PASSWORD, "nosuchdb", null).close()));
    }

    @Test
    void allowlistAndProjectStatusAreEnforced() {
        String orgProject = http.get("/v1/projects/" + projectId, "Authorization", "Bearer " + token).json().get("org_id").asText();
        String guarded = createProject(orgProject);
        http.patch("/v1/projects/" + guarded, "{\"allowed_cidrs\":[{\"cidr\":\"10.0.0.0/8\"}]}", "Authorization", "Bearer " + token).expect(200);
        assertEquals("28000", sqlState(() -> connect("postgres." + guarded, PASSWORD, "postgres", null).close()));
        http.patch("/v1/projects/" + guarded, "{\"allowed_cidrs\":[{\"cidr\":\"127.0.0.1\"}],\"status\":\"suspended\"}",
                "Authorization", "Bearer " + token).expect(200);
        assertEquals("08004", sqlState(() -> connect("postgres." + guarded, PASSWORD, "postgres", null).close()));
    }

    @Test
    void aProjectHoldsAtMostMaxConnectionsAndRevokingAccessDropsThem() throws Exception {
        String orgId = http.get("/v1/projects/" + projectId, "Authorization", "Bearer " + token).json().get("org_id").asText();
        String capped = createProject(orgId);
        Connection first = connect("postgres." + capped, PASSWORD, "postgres", null);
        Connection second = connect("postgres." + capped, PASSWORD, "postgres", null);
        Connection third = connect("postgres." + capped, PASSWORD, "postgres", null);
        assertEquals("53300", sqlState(() -> connect("postgres." + capped, PASSWORD, "postgres", null).close()));
        third.close();
        Connection again = connect("postgres." + capped, PASSWORD, "postgres", null);

        http.patch("/v1/projects/" + capped, "{\"status\":\"suspended\"}", "Authorization", "Bearer " + token).expect(200);
        for (Connection c : new Connection[] {first, second, again}) {
            assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            });
            c.close();
        }
    }

    @Test
    void anAllowlistChangeDropsOnlyTheClientsItNoLongerAdmits() throws Exception {
        String orgId = http.get("/v1/projects/" + projectId, "Authorization", "Bearer " + token).json().get("org_id").asText();
        String guarded = createProject(orgId);
        try (Connection c = connect("postgres." + guarded, PASSWORD, "postgres", null); Statement s = c.createStatement()) {
            http.patch("/v1/projects/" + guarded, "{\"allowed_cidrs\":[{\"cidr\":\"127.0.0.0/8\"}]}", "Authorization", "Bearer " + token).expect(200);
            assertTrue(s.execute("SELECT 1"), "a client the new allowlist admits keeps its connection");
            http.patch("/v1/projects/" + guarded, "{\"allowed_cidrs\":[{\"cidr\":\"10.0.0.0/8\"}]}", "Authorization", "Bearer " + token).expect(200);
            Thread.sleep(100);
            assertThrows(SQLException.class, () -> s.execute("SELECT 1"));
        }
    }

    @Test
    void tlsClientsAreRoutedByTheSniHostOfTheirProject() throws Exception {
        String proxyHost = http.get("/v1/projects/" + projectId, "Authorization", "Bearer " + token).json().get("proxy_host").asText();
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "require");
        p.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        p.setProperty("socketFactory", LoopbackSocketFactory.class.getName());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + proxyHost + ":" + proxy.port() + "/postgres", p);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        // Plain clients with sslmode=prefer are upgraded too, and still need the user or options form.
        p.setProperty("sslmode", "prefer");
        assertEquals("08004", assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p).close()).getSQLState());
    }

    @Test
    void clientsQueueForAFullPoolAndGiveUpAfterThePoolTimeout() throws Exception {
        String orgId = http.get("/v1/projects/" + projectId, "Authorization", "Bearer " + token).json().get("org_id").asText();
        String small = http.post("/v1/projects", """
                {"name":"small","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable","pool_config":{"pool_size":1,"min_pool_size":1,"pool_mode":"session"}}}"""
                .formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
        Connection holder = connect("postgres." + small, PASSWORD, "postgres", null);
        long started = System.nanoTime();
        SQLException timedOut = assertThrows(SQLException.class, () -> connect("postgres." + small, PASSWORD, "postgres", null).close());
        assertEquals("53300", timedOut.getSQLState());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "waited for the pool timeout");

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> {
                holder.close();
                return null;
            }, 300, TimeUnit.MILLISECONDS);
            try (Connection next = connect("postgres." + small, PASSWORD, "postgres", null); Statement s = next.createStatement()) {
                assertTrue(s.execute("SELECT 1"), "the queued client got the freed slot");
            }
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void cancelReachesTheUpstreamRunningTheQuery() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = connect("postgres." + projectId, PASSWORD, "postgres", null); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            timer.schedule(() -> {
                s.cancel();
                return null;
            }, 300, TimeUnit.MILLISECONDS);
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT pg_sleep(20)"));
            assertEquals("57014", e.getSQLState());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "cancelled, not timed out");
        } finally {
            timer.shutdownNow();
        }
    }
}
