package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the pool does with upstream connections over time, observed on the upstream itself (pg_stat_activity, each
 * test's pool logging in as a role of its own): {@code min_pool_size} connections are opened and kept, idle ones
 * beyond it close after {@code tollgate.proxy.server-idle-timeout}, every one is replaced after
 * {@code tollgate.proxy.server-lifetime}. Both durations are short here; the test polls for each condition.
 */
@MicronautTest(transactional = false)
class ServerPoolLifecycleTest extends HttpTest {
    static final String PASSWORD = "lifecycle-secret";
    static final long IDLE_TIMEOUT_MS = 1_000;
    static final long LIFETIME_MS = 8_000; // well beyond what the idle-timeout test takes, even on a loaded machine
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.server-idle-timeout", IDLE_TIMEOUT_MS + "ms");
        properties.put("tollgate.proxy.server-lifetime", LIFETIME_MS + "ms");
        return properties;
    }

    @BeforeAll
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"lifecycle-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    /** A fresh upstream role, so pg_stat_activity shows this pool's connections and no one else's. */
    private static String role() throws SQLException {
        String role = "lifecycle_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN");
        }
        return role;
    }

    private String project(String role, int poolSize, int minPoolSize) {
        return http.post("/v1/projects", """
                {"name":"lifecycle","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"%s",
                 "password":"%s","ssl_mode":"disable","pool_config":{"pool_size":%d,"min_pool_size":%d,"pool_mode":"transaction"}}}"""
                .formatted(orgId, UpstreamPostgres.port(), role, PASSWORD, poolSize, minPoolSize), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String role, String projectId) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", role + "." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    /** The backends logged in as {@code role} on the upstream now. */
    private static Set<String> upstreamBackends(String role) throws SQLException {
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection();
             PreparedStatement ps = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE usename = ?")) {
            ps.setString(1, role);
            Set<String> pids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getString(1));
                }
            }
            return pids;
        }
    }

    /** Polls until the role's backends satisfy {@code condition}; returns them. */
    private static Set<String> awaitBackends(String role, Predicate<Set<String>> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIFETIME_MS + 10_000);
        Set<String> seen = upstreamBackends(role);
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + "; the upstream has " + seen);
            }
            Thread.sleep(50);
            seen = upstreamBackends(role);
        }
        return seen;
    }

    /** {@code n} clients in transactions at once, each holding a server, released together: the servers open meanwhile. */
    private Set<String> holdServers(String role, String projectId, int n) throws Exception {
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Connection c = connect(role, projectId);
                c.setAutoCommit(false);
                c.createStatement().execute("SELECT 1"); // inside a transaction: the client holds its server
                clients.add(c);
            }
            Set<String> open = upstreamBackends(role);
            assertTrue(open.size() >= n, n + " clients in transactions hold " + n + " servers; the upstream has " + open);
            return open;
        } finally {
            for (Connection c : clients) {
                c.commit();
                c.close();
            }
        }
    }

    @Test
    void minPoolSizeConnectionsAreOpenedAndOutliveTheIdleTimeout() throws Exception {
        String role = role();
        String projectId = project(role, 4, 2);
        try (Connection c = connect(role, projectId); Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // the database is in use: its pool exists from now on
        }
        Set<String> kept = awaitBackends(role, b -> b.size() == 2, "min_pool_size 2 connections were never opened");
        // Nothing shows that a connection was *not* closed except watching: every poll across two idle timeouts and
        // two sweeps (one a second) must see the same two connections, none closed and reopened.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * IDLE_TIMEOUT_MS + 2_000);
        while (System.nanoTime() < until) {
            assertEquals(kept, upstreamBackends(role), "the min_pool_size connections stay open however long they idle");
            Thread.sleep(100);
        }
    }

    @Test
    void idleConnectionsBeyondMinPoolSizeClose() throws Exception {
        String role = role();
        String projectId = project(role, 3, 1);
        holdServers(role, projectId, 3);
        awaitBackends(role, b -> b.size() == 1, "idle connections beyond min_pool_size 1 never closed");
    }

    @Test
    void everyConnectionIsReplacedAfterItsLifetime() throws Exception {
        String role = role();
        String projectId = project(role, 1, 1);
        String first;
        try (Connection c = connect(role, projectId); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            first = rs.getString(1);
        }
        Set<String> replaced = awaitBackends(role, b -> b.size() == 1 && !b.contains(first),
                "the first connection outlived server-lifetime " + LIFETIME_MS + " ms");
        try (Connection c = connect(role, projectId); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            assertEquals(replaced.iterator().next(), rs.getString(1), "clients get the replacement");
        }
    }
}
