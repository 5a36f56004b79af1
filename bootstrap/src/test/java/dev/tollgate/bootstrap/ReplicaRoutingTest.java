package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.StreamingReplica;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replica routing against a real primary and a real hot standby streaming from it (ADR 0058): read-only statements
 * outside transactions go to the replica when {@code auto_read_routing} is on or they carry {@code @pgbeam:replica};
 * writes and transactions stay on the primary; a replica that falls behind gets no reads until it catches up.
 */
@MicronautTest(transactional = false)
class ReplicaRoutingTest extends HttpTest {
    static final StreamingReplica PAIR = StreamingReplica.start();
    @Inject
    PgWireServer proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.replica-check-interval", "100ms");
        properties.put("tollgate.proxy.replica-max-lag", "300ms");
        return properties;
    }

    @AfterAll
    void stopPair() {
        PAIR.close();
    }

    record Registered(String[] auth, String projectId, String databaseId) {
    }

    Registered register(boolean autoReadRouting) {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"replicas-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        JsonNode created = http.post("/v1/projects", """
                {"name":"replicated","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable","auto_read_routing":%s}}""".formatted(signedUp.get("organization").get("id").asText(),
                PAIR.primary().getPort(), autoReadRouting), auth).expect(201).conformsTo(PGBEAM).json();
        String databaseId = created.get("database").get("id").asText();
        http.post("/v1/databases/" + databaseId + "/replicas", "{\"host\":\"127.0.0.1\",\"port\":%d,\"ssl_mode\":\"disable\"}"
                .formatted(PAIR.standby().getPort()), auth).expect(201).conformsTo(PGBEAM);
        return new Registered(auth, created.get("project").get("id").asText(), databaseId);
    }

    Connection connect(Registered r) throws SQLException {
        return connect(r, "simple");
    }

    /** @param queryMode the driver's preferQueryMode: simple (Query messages) or extended (Parse/Bind/Execute) */
    Connection connect(Registered r, String queryMode) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + r.projectId());
        login.setProperty("password", "pw");
        login.setProperty("sslmode", "disable");
        login.setProperty("preferQueryMode", queryMode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    static boolean onStandby(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        PhpTenantWebhooksContractTest.await(what, condition);
    }

    @Test
    void readsGoToTheReplicaWritesAndTransactionsToThePrimary() throws SQLException {
        Registered r = register(true);
        try (Connection c = connect(r)) {
            await("the replica in use", () -> onStandby(c, "SELECT pg_is_in_recovery()"));
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS routed (id int)"); // a write: the primary takes it
            }
            c.setAutoCommit(false);
            assertFalse(onStandby(c, "SELECT pg_is_in_recovery()"), "inside a transaction: the primary");
            c.commit();
            c.setAutoCommit(true);
            assertTrue(onStandby(c, "SELECT pg_is_in_recovery()"));
        }
        try (Connection extended = connect(r, "extended")) {
            assertTrue(onStandby(extended, "SELECT pg_is_in_recovery()"), "a Parse of the unnamed statement is routed too");
            try (Statement s = extended.createStatement()) {
                s.execute("INSERT INTO routed VALUES (1)");
            }
        }
    }

    @Test
    void withoutAutoRoutingOnlyAnnotatedReadsGoToTheReplica() throws SQLException {
        Registered r = register(false);
        try (Connection c = connect(r)) {
            await("the replica in use", () -> onStandby(c, "/* @pgbeam:replica */ SELECT pg_is_in_recovery()"));
            assertFalse(onStandby(c, "SELECT pg_is_in_recovery()"));
        }
    }

    @Test
    void aReplicaThatFallsBehindGetsNoReadsUntilItCatchesUp() throws SQLException {
        Registered r = register(true);
        try (Connection c = connect(r); Connection primary = PAIR.primary().getPostgresDatabase().getConnection()) {
            await("the replica in use", () -> onStandby(c, "SELECT pg_is_in_recovery()"));
            try (Statement s = primary.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS ticks (at timestamptz)");
            }
            PAIR.pauseReplay(true);
            try {
                try (Statement s = primary.createStatement()) {
                    s.execute("INSERT INTO ticks VALUES (now())"); // received, not replayed: the standby falls behind
                }
                await("the primary taking the reads", () -> !onStandby(c, "SELECT pg_is_in_recovery()"));
            } finally {
                PAIR.pauseReplay(false);
            }
            await("the replica in use again", () -> onStandby(c, "SELECT pg_is_in_recovery()"));
        }
    }
}
