package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * Edges of the data plane through real clients: CancelRequests that must not cancel anyone (a forged key, or a real
 * one arriving after its client's query finished and the server went to another client), TLS SNI naming no project,
 * the {@code -c project=} forms of options, IPv6 clients and allowlists, and session mode's DISCARD ALL.
 */
@MicronautTest(transactional = false)
class ProxyEdgeCasesTest extends HttpTest {
    static final String PASSWORD = "edge-secret";
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.bind", "::"); // IPv6 and IPv4 clients alike
        return properties;
    }

    @BeforeAll
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"edge-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    private String project(int poolSize, String mode) {
        return http.post("/v1/projects", """
                {"name":"edge","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable","pool_config":{"pool_size":%d,"min_pool_size":1,"pool_mode":"%s"}}}"""
                .formatted(orgId, UpstreamPostgres.port(), PASSWORD, poolSize, mode), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private Properties credentials(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return p;
    }

    private Connection connect(String projectId) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", credentials("postgres." + projectId));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs {@code sql} on another thread; the future fails with the SQLException, if any. */
    private static CompletableFuture<Void> inBackground(Connection c, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Polls the upstream until a backend runs {@code sql}; returns its pid. */
    private static String upstreamPidRunning(String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection();
             PreparedStatement running = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query = ?")) {
            running.setString(1, sql);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = running.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the upstream never ran " + sql);
    }

    /** A CancelRequest on a connection of its own, as any client (or attacker) can send one. */
    private void sendCancel(int processId, int secretKey) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream packet = new DataOutputStream(bytes);
        packet.writeInt(16);
        packet.writeInt(80877102);
        packet.writeInt(processId);
        packet.writeInt(secretKey);
        try (RawPgClient canceller = new RawPgClient(proxy.port())) {
            canceller.send(bytes.toByteArray());
            assertTrue(canceller.closedByPeer(), "the proxy hangs up after a CancelRequest, answering nothing");
        }
    }

    // ---- CancelRequest -----------------------------------------------------------------------------------------------

    @Test
    void aForgedCancelRequestCancelsNothingButTheRealOneDoes() throws Exception {
        String projectId = project(2, "transaction");
        try (Connection victim = connect(projectId)) {
            int processId = victim.unwrap(PGConnection.class).getBackendPID();
            String sleeping = "SELECT pg_sleep(1) /* forged " + UUID.randomUUID() + " */";
            CompletableFuture<Void> query = inBackground(victim, sleeping);
            upstreamPidRunning(sleeping);
            for (int guess = 0; guess < 20; guess++) {
                sendCancel(processId, guess); // the client's key with the wrong secret
                sendCancel(processId + 1 + guess, guess); // someone else's (likely unused) key
            }
            query.get(10, TimeUnit.SECONDS); // completes normally: nothing was cancelled

            // The real key does cancel, so the forged ones were refused for their secret and not for lack of a route.
            String longSleep = "SELECT pg_sleep(30) /* real " + UUID.randomUUID() + " */";
            CompletableFuture<Void> cancelled = inBackground(victim, longSleep);
            upstreamPidRunning(longSleep);
            victim.unwrap(BaseConnection.class).cancelQuery();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> cancelled.get(10, TimeUnit.SECONDS));
            assertEquals("57014", ((SQLException) e.getCause()).getSQLState(), e.getCause().getMessage());
        }
    }

    @Test
    void aLateCancelRequestDoesNotCancelTheNextClientOnTheSameServer() throws Exception {
        String projectId = project(1, "transaction");
        try (Connection early = connect(projectId); Connection next = connect(projectId)) {
            String earlyServer = one(early, "SELECT pg_backend_pid()"); // done: the server went back to the pool
            String sleeping = "SELECT pg_sleep(1) /* late " + UUID.randomUUID() + " */";
            CompletableFuture<Void> query = inBackground(next, sleeping);
            assertEquals(earlyServer, upstreamPidRunning(sleeping), "pool_size 1: the next client runs on the early one's server");
            early.unwrap(BaseConnection.class).cancelQuery(); // the early client's real key, after its query finished
            query.get(10, TimeUnit.SECONDS); // completes normally
        }
    }

    // ---- routing -------------------------------------------------------------------------------------------------------

    private Properties tls(String user) {
        Properties p = credentials(user);
        p.setProperty("sslmode", "require");
        p.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        p.setProperty("socketFactory", LoopbackSocketFactory.class.getName());
        return p;
    }

    @Test
    void tlsSniNamingNoProjectIsRefusedUnlessTheUserNamesOne() throws Exception {
        String projectId = project(2, "transaction");
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + ".tollgate.localhost";
        PSQLException refused = assertThrows(PSQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://" + unknown + ":" + proxy.port() + "/postgres", tls("postgres")).close());
        assertEquals("08004", refused.getSQLState());
        assertEquals("no project has the host \"" + unknown + "\"; connect as user \"<user>.<project id>\" or with options "
                + "\"project=<project id>\"", refused.getServerErrorMessage().getMessage());
        // A project named in the user overrides the host name.
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + unknown + ":" + proxy.port() + "/postgres",
                tls("postgres." + projectId))) {
            assertEquals("1", one(c, "SELECT 1"));
        }
    }

    @Test
    void theOptionsFormsOfChoosingTheProject() throws Exception {
        String projectId = project(2, "transaction");
        for (String options : new String[] {"project=" + projectId, "-c project=" + projectId, "-cproject=" + projectId,
                "--project=" + projectId, "-c search_path=public -c project=" + projectId}) {
            Properties p = credentials("postgres");
            p.setProperty("options", options);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p)) {
                assertEquals("1", one(c, "SELECT 1"), options);
            }
        }
    }

    // ---- IPv6 ----------------------------------------------------------------------------------------------------------

    private void allow(String projectId, String... cidrs) {
        StringBuilder list = new StringBuilder();
        for (String cidr : cidrs) {
            list.append(list.isEmpty() ? "" : ",").append("{\"cidr\":\"").append(cidr).append("\"}");
        }
        http.patch("/v1/projects/" + projectId, "{\"allowed_cidrs\":[" + list + "]}", "Authorization", "Bearer " + token).expect(200);
    }

    private Connection connectOverIpv6(String projectId) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://[::1]:" + proxy.port() + "/postgres", credentials("postgres." + projectId));
    }

    @Test
    void ipv6ClientsAreCheckedAgainstIpv6Blocks() throws Exception {
        String projectId = project(2, "transaction");
        allow(projectId, "::1/128");
        try (Connection c = connectOverIpv6(projectId)) {
            assertEquals("1", one(c, "SELECT 1"));
        }
        PSQLException v4Refused = assertThrows(PSQLException.class, () -> connect(projectId).close());
        assertEquals("28000", v4Refused.getSQLState(), "an IPv6 block does not admit an IPv4 client");

        allow(projectId, "fd00::/8", "127.0.0.0/8");
        PSQLException refused = assertThrows(PSQLException.class, () -> connectOverIpv6(projectId).close());
        assertEquals("28000", refused.getSQLState());
        assertEquals("address 0:0:0:0:0:0:0:1 is not allowed to connect to project \"" + projectId + "\"",
                refused.getServerErrorMessage().getMessage());
        try (Connection c = connect(projectId)) {
            assertEquals("1", one(c, "SELECT 1"), "the IPv4 block still admits the IPv4 client");
        }

        allow(projectId, "::/0"); // every IPv6 client, and no IPv4 one
        try (Connection c = connectOverIpv6(projectId)) {
            assertEquals("1", one(c, "SELECT 1"));
        }
    }

    // ---- session mode ----------------------------------------------------------------------------------------------------

    @Test
    void aSessionClientLeavingHasItsServerDiscardedBeforeTheNextGetsIt() throws Exception {
        String projectId = project(1, "session");
        String server;
        try (Connection first = connect(projectId); Statement s = first.createStatement()) {
            server = one(first, "SELECT pg_backend_pid()");
            s.execute("SET work_mem = '77MB'");
            s.execute("PREPARE kept AS SELECT 1");
            s.execute("CREATE TEMP TABLE scratch (id int)");
            s.execute("SELECT pg_advisory_lock(4243)");
            s.execute("LISTEN session_channel");
        }
        try (Connection next = connect(projectId)) {
            assertEquals(server, one(next, "SELECT pg_backend_pid()"), "pool_size 1: the same server, cleaned");
            assertEquals(one(next, "SELECT reset_val FROM pg_settings WHERE name = 'work_mem'"),
                    one(next, "SELECT setting FROM pg_settings WHERE name = 'work_mem'"), "work_mem is back to its default");
            assertEquals("0", one(next, "SELECT count(*) FROM pg_prepared_statements"));
            assertEquals("0", one(next, "SELECT count(*) FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't'"));
            assertEquals("0", one(next, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"));
            assertEquals("0", one(next, "SELECT count(*) FROM pg_listening_channels()"));
        }
    }

    // ---- a client leaving in the middle of an extended-protocol batch -------------------------------------------------

    @Test
    void aClientLeavingAfterAnErrorBeforeItsSyncDoesNotLeaveTheNextClientAServerThatIgnoresIt() throws Exception {
        String projectId = project(1, "transaction");
        try (RawPgClient leaving = RawPgClient.loggedIn(proxy.port(), "postgres." + projectId, "postgres", PASSWORD)) {
            // Parse of a broken statement, then Flush: the server answers the error and then skips every message
            // until a Sync, which this client never sends.
            leaving.message('P', "\0SELEC 1\0\0\0".getBytes(java.nio.charset.StandardCharsets.UTF_8)).message('H', new byte[0]);
            assertEquals("42601", leaving.readError().field('C'));
        }
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try (Connection c = connect(projectId)) {
                return one(c, "SELECT 'answered'");
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertEquals("answered", next.get(20, TimeUnit.SECONDS), "pool_size 1: the next client's query is answered");
    }
}
