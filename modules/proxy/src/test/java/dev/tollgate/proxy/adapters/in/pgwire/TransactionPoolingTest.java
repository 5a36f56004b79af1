package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Transaction and statement pooling with the PostgreSQL JDBC driver: many clients over a few server connections,
 * server-side prepared statements moving between servers, session state that must not leak, rollback of a client
 * that leaves mid-transaction, COPY both ways, batches, and statement mode's refusal of transaction blocks.
 */
@MicronautTest(transactional = false)
class TransactionPoolingTest extends HttpTest {
    static final String PASSWORD = "pooling-secret";
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;
    /** A database of this class's own on the shared upstream, so its table and rows meet no other test's. */
    final String database = "pooling_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    void signUp() throws SQLException {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"pool-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection admin = UpstreamPostgres.get().getDatabase("postgres", database).getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE pooled_items (id int PRIMARY KEY, label text)");
        }
    }

    private String project(int poolSize, String mode) {
        return project(poolSize, mode, "postgres");
    }

    private String project(int poolSize, String mode, String upstreamUser) {
        return http.post("/v1/projects", """
                {"name":"pooled","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"%s","username":"%s",
                 "password":"%s","ssl_mode":"disable","pool_config":{"pool_size":%d,"min_pool_size":1,"pool_mode":"%s"}}}"""
                .formatted(orgId, UpstreamPostgres.get().getPort(), database, upstreamUser, PASSWORD, poolSize, mode), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String projectId, String applicationName) throws SQLException {
        return connect(projectId, applicationName, "postgres");
    }

    private Connection connect(String projectId, String applicationName, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user + "." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        p.setProperty("prepareThreshold", "1");
        if (applicationName != null) {
            p.setProperty("ApplicationName", applicationName);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, p);
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void manyClientsShareTwoServersWithServerSidePreparedStatements() throws Exception {
        // A role of its own, so that the upstream's pg_stat_activity shows this pool's connections and nobody else's.
        String role = "pooling_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN");
        }
        String projectId = project(2, "transaction", role);
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection();
                 PreparedStatement count = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
                count.setString(1, role);
                while (running.get()) {
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        peak.accumulateAndGet(rs.getInt(1), Math::max);
                        samples.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "pg_stat_activity-sampler");
        sampler.start();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Map<String, Set<Integer>> clientsByPid = new ConcurrentHashMap<>();
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                int offset = client * 1000;
                int clientNo = client;
                results.add(clients.submit(() -> {
                    try (Connection c = connect(projectId, null, role);
                         PreparedStatement twice = c.prepareStatement("SELECT ?::int * 2");
                         PreparedStatement pid = c.prepareStatement("SELECT pg_backend_pid()")) {
                        for (int i = 0; i < 50; i++) {
                            twice.setInt(1, offset + i);
                            try (ResultSet rs = twice.executeQuery()) {
                                rs.next();
                                assertEquals((offset + i) * 2, rs.getInt(1));
                            }
                            try (ResultSet rs = pid.executeQuery()) {
                                rs.next();
                                clientsByPid.computeIfAbsent(rs.getString(1), k -> ConcurrentHashMap.newKeySet()).add(clientNo);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            clients.shutdownNow();
            running.set(false);
            sampler.join();
        }
        // Sixteen clients, two servers: every backend the clients ran on is one of at most two, shared between clients.
        assertTrue(clientsByPid.size() <= 2, "backends seen by the clients: " + clientsByPid.keySet());
        assertEquals(16, clientsByPid.values().stream().flatMap(Set::stream).distinct().count());
        assertTrue(samples.get() > 0 && peak.get() >= 1, "the upstream was observed while the clients ran");
        assertTrue(peak.get() <= 2, "the upstream saw " + peak.get() + " connections of the pool at once; pool_size is 2");
        String metrics = http.get("/metrics", "X-Internal-Secret", "test-operator-secret").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("tollgate_proxy_server_connections{")
                && line.contains(projectId) && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) <= 2), metrics);
    }

    @Test
    void settingsOfOneClientDoNotLeakToTheNext() throws Exception {
        String projectId = project(1, "transaction");
        try (Connection alpha = connect(projectId, "alpha"); Connection beta = connect(projectId, "beta");
             Statement a = alpha.createStatement(); Statement b = beta.createStatement()) {
            String pid = one(a, "SELECT pg_backend_pid()");
            a.execute("SET work_mem = '77MB'");
            a.execute("SET application_name = 'alpha-renamed'");
            assertEquals(pid, one(b, "SELECT pg_backend_pid()"), "one server serves both clients");
            assertFalse("77MB".equals(one(b, "SHOW work_mem")), "work_mem set by another client");
            assertEquals("beta", one(b, "SHOW application_name"));
            assertEquals("alpha-renamed", one(a, "SHOW application_name"), "a reported setting follows its client");
        }
    }

    @Test
    void stateThatResetAllLeavesBehindIsDiscardedBeforeTheNextClient() throws Exception {
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pooled_tenant_role') THEN "
                    + "CREATE ROLE pooled_tenant_role; END IF; END $$");
        }
        String projectId = project(1, "transaction");
        String[][] leftBehind = {
                {"SET ROLE pooled_tenant_role", "SELECT current_user", "postgres"},
                {"SET SESSION AUTHORIZATION pooled_tenant_role", "SELECT session_user", "postgres"},
                {"CREATE TEMP TABLE scratch (id int)", "SELECT count(*) FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't'", "0"},
                {"LISTEN tenant_channel", "SELECT count(*) FROM pg_listening_channels()", "0"},
                {"SELECT pg_advisory_lock(4242)", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", "0"},
                {"PREPARE sneaky AS SELECT 1", "SELECT count(*) FROM pg_prepared_statements WHERE name = 'sneaky'", "0"},
                {"BEGIN; DECLARE kept CURSOR WITH HOLD FOR SELECT 1; COMMIT", "SELECT count(*) FROM pg_cursors WHERE name = 'kept'", "0"},
                {"SET session_authorization = 'pooled_tenant_role'", "SELECT session_user", "postgres"},
                {"SET \"role\" = 'pooled_tenant_role'", "SELECT current_user", "postgres"},
                {"SELECT set_config('role', 'pooled_tenant_role', false)", "SELECT current_user", "postgres"},
                {"CREATE TABLE pg_temp.shadow (id int)", "SELECT count(*) FROM pg_class WHERE relname = 'shadow'", "0"},
                {"DO $$ BEGIN EXECUTE 'SET ROLE pooled_tenant_role'; END $$", "SELECT current_user", "postgres"}};
        for (String[] c : leftBehind) {
            try (Connection alpha = connect(projectId, "alpha"); Connection beta = connect(projectId, "beta");
                 Statement a = alpha.createStatement(); Statement b = beta.createStatement()) {
                String pid = one(a, "SELECT pg_backend_pid()");
                a.execute(c[0]);
                assertEquals(pid, one(b, "SELECT pg_backend_pid()"), "one server serves both clients");
                assertEquals(c[2], one(b, c[1]), "after \"" + c[0] + "\" another client sees " + c[1]);
            }
        }
    }

    @Test
    void aNamedStatementTakingALockIsCleanedAfterEveryExecution() throws Exception {
        String projectId = project(1, "transaction");
        try (Connection alpha = connect(projectId, "alpha"); Connection beta = connect(projectId, "beta");
             PreparedStatement lock = alpha.prepareStatement("SELECT pg_advisory_lock(?)"); Statement b = beta.createStatement()) {
            for (int key = 1; key <= 3; key++) { // the first execution parses; the later ones only bind the named statement
                lock.setInt(1, 7000 + key);
                lock.execute();
                assertEquals("0", one(b, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"),
                        "execution " + key + " left its session lock on the shared server");
            }
        }
    }

    @Test
    void aClientLeavingInsideATransactionIsRolledBack() throws Exception {
        String projectId = project(1, "transaction");
        try (Connection leaver = connect(projectId, null)) {
            leaver.setAutoCommit(false);
            try (Statement s = leaver.createStatement()) {
                s.execute("INSERT INTO pooled_items VALUES (1, 'never committed')");
            }
        } // close() without commit
        try (Connection next = connect(projectId, null); Statement s = next.createStatement()) {
            // Same server (pool_size 1): inside the leaver's transaction its own insert would be visible.
            assertEquals("0", one(s, "SELECT count(*) FROM pooled_items WHERE id = 1"));
        }
    }

    @Test
    void transactionsHoldTheirServerAndBatchesAndCopyWork() throws Exception {
        String projectId = project(2, "transaction");
        try (Connection c = connect(projectId, null)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pooled_items VALUES (?, ?)")) {
                for (int i = 100; i < 200; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "item " + i);
                    insert.addBatch();
                }
                assertEquals(100, insert.executeBatch().length);
            }
            c.commit();
            c.setAutoCommit(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(3, copy.copyIn("COPY pooled_items FROM STDIN WITH (FORMAT csv)", new StringReader("200,a\n201,b\n202,c\n")));
            StringWriter out = new StringWriter();
            assertEquals(103, copy.copyOut("COPY (SELECT * FROM pooled_items WHERE id >= 100 ORDER BY id) TO STDOUT WITH (FORMAT csv)", out));
            assertTrue(out.toString().startsWith("100,item 100\n"));
            assertTrue(out.toString().endsWith("202,c\n"));

            // A failing statement aborts the whole batch (one implicit transaction up to Sync); the connection stays usable.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pooled_items VALUES (?, 'dup')")) {
                insert.setInt(1, 300);
                insert.addBatch();
                insert.setInt(1, 300);
                insert.addBatch();
                assertThrows(BatchUpdateException.class, insert::executeBatch);
            }
            try (Statement s = c.createStatement()) {
                assertEquals("103", one(s, "SELECT count(*) FROM pooled_items WHERE id >= 100"));
                s.execute("DELETE FROM pooled_items WHERE id >= 100");
            }
        }
    }

    @Test
    void statementModeRefusesTransactionBlocks() throws Exception {
        String projectId = project(2, "statement");
        try (Connection c = connect(projectId, null); Statement s = c.createStatement()) {
            assertEquals("2", one(s, "SELECT 1 + 1"));
            c.setAutoCommit(false);
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("SELECT 1"));
            assertEquals("0A000", refused.getSQLState());
        }
        try (Connection c = connect(projectId, null); Statement s = c.createStatement()) {
            assertEquals("3", one(s, "SELECT 1 + 2"), "the refused client's server was rolled back and reused");
        }
    }
}
