package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.MetricsSnapshotReporter;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's GetProjectMetrics (ADR 0053): real queries through the proxy become per-minute snapshots of the project in
 * this node's region, read back newest first and validated against the document; the project's
 * {@code active_connections} is its latest snapshot's.
 */
@MicronautTest(transactional = false)
class ProjectMetricsContractTest extends HttpTest {
    static final String PASSWORD = "metrics-secret";
    @Inject
    PgWireServer proxy;
    @Inject
    MetricsSnapshotReporter reporter;
    Accounts.Account owner;
    String projectId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.metrics.interval", "1s"); // the scheduled flush runs too; manual ones just come first
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    @BeforeAll
    void project() {
        owner = Accounts.signUp(http, "Metrics");
        projectId = newProject(owner);
    }

    private String newProject(Accounts.Account account) {
        return http.post("/v1/projects", """
                {"name":"measured-%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(java.util.UUID.randomUUID(), account.orgId(),
                UpstreamPostgres.get().getPort(), PASSWORD), account.auth()).expect(201).json().get("project").get("id").asText();
    }

    private Connection connect() throws SQLException {
        return connect(projectId);
    }

    private Connection connect(String project) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + project);
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    private JsonNode snapshots(String query) {
        return http.get("/v1/projects/" + projectId + "/metrics" + query, owner.auth()).expect(200).conformsTo(PGBEAM).json()
                .get("snapshots");
    }

    private long queriesTotal() {
        long total = 0;
        for (JsonNode s : snapshots("?limit=1000")) {
            total += s.get("queries_total").asLong();
        }
        return total;
    }

    private int projectActiveConnections() {
        return http.get("/v1/projects/" + projectId, owner.auth()).expect(200).conformsTo(PGBEAM).json().get("active_connections").asInt();
    }

    @Test
    void queriesThroughTheProxyBecomeSnapshotsNewestFirst() throws Exception {
        assertTrue(reporter.flush());
        long before = queriesTotal();
        try (Connection c = connect()) {
            // what the driver itself sends while connecting
        }
        assertTrue(reporter.flush());
        long perConnection = queriesTotal() - before;

        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 25; i++) {
                s.execute("SELECT pg_sleep(0.005), " + i);
            }
            assertTrue(reporter.flush());
            assertEquals(before + 2 * perConnection + 25, queriesTotal(), "every query counted once, in some snapshot");

            JsonNode newest = snapshots("").get(0);
            JsonNode busy = newest;
            for (JsonNode snapshot : snapshots("")) { // the newest may be a minute begun after the last query
                if (snapshot.get("queries_total").asLong() > 0) {
                    busy = snapshot;
                    break;
                }
            }
            assertEquals(projectId, newest.get("project_id").asText());
            assertEquals("local", newest.get("region").asText(), "the node's region (tollgate.region)");
            assertTrue(newest.get("id").asText().startsWith("ms_"), newest.toString());
            assertEquals(1, newest.get("active_connections").asInt(), "the connection still open: " + newest);
            assertEquals(0, newest.get("cache_hits").asLong(), "no result cache yet");
            assertEquals(newest.get("queries_total").asLong(), newest.get("cache_misses").asLong(), "every query went upstream");
            assertTrue(busy.get("avg_latency_ms").asDouble() >= 1.0, "pg_sleep(0.005) end to end: " + busy);
            assertTrue(busy.get("p99_latency_ms").asDouble() >= 5.0, busy.toString());
            assertTrue(busy.get("avg_query_ms").asDouble() > 0, busy.toString());
            assertTrue(busy.get("avg_query_ms").asDouble() <= busy.get("avg_latency_ms").asDouble() + 0.01,
                    "upstream execution is part of the end-to-end time: " + busy);
            assertTrue(busy.get("avg_connect_ms").asDouble() >= 0, busy.toString());
            assertEquals(1, projectActiveConnections(), "GetProject reads the latest snapshot");
        }
        // The proxy notices the client's goodbye on its own event loop: flush until a snapshot has seen it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snapshots("").get(0).get("active_connections").asInt() != 0 && System.nanoTime() < deadline) {
            assertTrue(reporter.flush());
            Thread.sleep(50);
        }
        assertEquals(0, snapshots("").get(0).get("active_connections").asInt(), "the last client left: one more snapshot says so");
        assertEquals(0, projectActiveConnections());

        // newest first, limited, filtered by region
        JsonNode all = snapshots("?limit=1000");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!Instant.parse(all.get(i - 1).get("created_at").asText()).isBefore(Instant.parse(all.get(i).get("created_at").asText())),
                    all.toString());
        }
        assertEquals(1, snapshots("?limit=1").size());
        assertEquals(all, snapshots("?limit=1000&region=local"));
    }

    @Test
    void theScheduledFlushRecordsWithoutHelp() throws Exception {
        long before = queriesTotal();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (queriesTotal() == before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(queriesTotal() > before, "a flush every second (tollgate.proxy.metrics.interval)");
    }

    @Test
    void listProjectsSortsByActiveConnections() throws Exception {
        Accounts.Account org = Accounts.signUp(http, "Sorted");
        String quiet = newProject(org);
        String busy = newProject(org); // created later: by creation it would come second
        try (Connection c = connect(busy); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            assertTrue(reporter.flush());
            JsonNode projects = http.get("/v1/projects?org_id=" + org.orgId() + "&sort_by=active_connections", org.auth())
                    .expect(200).conformsTo(PGBEAM).json().get("projects");
            assertEquals(busy, projects.get(0).get("id").asText(), projects.toString());
            assertEquals(1, projects.get(0).get("active_connections").asInt());
            assertEquals(quiet, projects.get(1).get("id").asText());
            assertEquals(0, projects.get(1).get("active_connections").asInt());
        }
    }

    @Test
    void aFreshProjectHasNoSnapshotsAndNoConnections() {
        String fresh = newProject(owner);
        JsonNode body = http.get("/v1/projects/" + fresh + "/metrics", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(0, body.get("snapshots").size());
        assertEquals(0, http.get("/v1/projects/" + fresh, owner.auth()).expect(200).json().get("active_connections").asInt());
    }

    @Test
    void strangersAndUnknownProjectsAreNotFoundAndAnonymousCallersUnauthorized() {
        http.get("/v1/projects/" + projectId + "/metrics").expect(401).conformsTo(PGBEAM);
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        http.get("/v1/projects/" + projectId + "/metrics", stranger.auth()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/prj_01h455vb4pex5vsknk084sn02q/metrics", owner.auth()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/not-an-id/metrics", owner.auth()).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void badLimitsAndRegionsAreRefusedPrecisely() {
        for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=1001", "limit"}, {"limit=abc", "limit"},
                {"limit=2.5", "limit"}, {"region=nowhere-1", "region"}, {"region=", "region"}}) {
            JsonNode error = http.get("/v1/projects/" + projectId + "/metrics?" + bad[0], owner.auth()).expect(400).conformsTo(PGBEAM)
                    .json().get("error");
            assertTrue(error.get("message").asText().contains(bad[1]), bad[0] + ": " + error);
        }
    }
}
