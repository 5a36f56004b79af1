package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.QueryShapeReporter;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.testing.Accounts;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's GetProjectInsights (ADR 0057): real statements through the proxy — extended protocol unnamed and named
 * (a prepared statement past the driver's threshold), and the simple protocol — are counted per query shape, with
 * literals normalized, and read back most called first, validated against the document. The tier's
 * {@code max_query_shapes} bounds the shapes tracked; the others still count in the project's totals.
 */
@MicronautTest(transactional = false)
class ProjectInsightsContractTest extends HttpTest {
    static final String PASSWORD = "insights-secret";
    static final String SECRET = "insights-operator";
    @Inject
    PgWireServer proxy;
    @Inject
    QueryShapeReporter reporter;
    @Inject
    dev.tollgate.proxy.adapters.in.pgwire.usage.MetricsSnapshotReporter snapshots;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.metrics.interval", "1s"); // the scheduled flush runs too; manual ones just come first
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    private String newProject(Accounts.Account account) {
        return http.post("/v1/projects", """
                {"name":"insightful-%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(java.util.UUID.randomUUID(), account.orgId(),
                UpstreamPostgres.get().getPort(), PASSWORD), account.auth()).expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String project, String queryMode) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + project);
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        login.setProperty("preferQueryMode", queryMode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    private JsonNode insights(Accounts.Account account, String project, String query) {
        return http.get("/v1/projects/" + project + "/insights" + query, account.auth()).expect(200).conformsTo(PGBEAM).json();
    }

    private static JsonNode shape(JsonNode insights, String sql) {
        String hash = QueryShape.of(sql).id();
        for (JsonNode q : insights.get("queries")) {
            if (q.get("query_hash").asText().equals(hash)) {
                return q;
            }
        }
        return null;
    }

    @Test
    void statementsThroughTheProxyAreCountedPerShapeMostCalledFirst() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Insights");
        String project = newProject(owner);
        try (Connection c = connect(project, "extended"); Statement s = c.createStatement()) {
            for (int i = 0; i < 6; i++) {
                s.execute("SELECT 1");
                s.execute("SELECT 2"); // literals differ: one shape with SELECT 1
            }
            try (PreparedStatement p = c.prepareStatement("SELECT ?::int + 1")) {
                for (int i = 0; i < 8; i++) { // past the driver's prepareThreshold (5): a named statement, parsed once
                    p.setInt(1, i);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        assertEquals(i + 1, r.getInt(1));
                    }
                }
            }
        }
        try (Connection c = connect(project, "simple"); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.execute("SELECT pg_sleep(0.02), " + i);
            }
        }
        assertTrue(reporter.flush());

        JsonNode all = insights(owner, project, "");
        JsonNode literals = shape(all, "SELECT 1");
        assertNotNull(literals, "SELECT 1 and SELECT 2 as one shape: " + all);
        assertEquals("SELECT $1", literals.get("query_pattern").asText());
        assertEquals(12, literals.get("total_count").asLong(), literals.toString());
        assertEquals(0, literals.get("total_cache_hits").asLong(), "no result cache yet");
        assertEquals(12, literals.get("total_cache_misses").asLong(), "every call went upstream");
        assertTrue(literals.get("avg_latency_ms").asDouble() > 0, literals.toString());
        assertTrue(literals.get("p99_latency_ms").asDouble() >= literals.get("avg_latency_ms").asDouble() * 0.5, literals.toString());

        JsonNode prepared = shape(all, "SELECT $1::int + 1");
        assertNotNull(prepared, all.toString());
        assertEquals(8, prepared.get("total_count").asLong(), "unnamed and then named executions of one statement: " + prepared);

        JsonNode slept = shape(all, "SELECT pg_sleep(0.02), 0");
        assertNotNull(slept, "the simple protocol: " + all);
        assertEquals(3, slept.get("total_count").asLong(), slept.toString());
        assertTrue(slept.get("avg_latency_ms").asDouble() >= 20.0, "pg_sleep(0.02) end to end: " + slept);
        assertTrue(slept.get("p99_latency_ms").asDouble() >= 20.0, slept.toString());

        // most called first; the summary covers every statement
        long listed = 0;
        JsonNode queries = all.get("queries");
        for (int i = 0; i < queries.size(); i++) {
            listed += queries.get(i).get("total_count").asLong();
            if (i > 0) {
                assertTrue(queries.get(i - 1).get("total_count").asLong() >= queries.get(i).get("total_count").asLong(), queries.toString());
            }
        }
        assertEquals(literals, queries.get(0), "the most called shape: " + queries);
        assertEquals(0, all.get("cache").get("total_hits").asLong());
        assertTrue(all.get("cache").get("total_misses").asLong() >= listed, all.toString());
        assertEquals(0.0, all.get("cache").get("hit_rate").asDouble());
        assertTrue(all.get("latency").get("avg_ms").asDouble() > 0, all.toString());
        assertTrue(all.get("latency").get("p99_ms").asDouble() >= 20.0, "the slowest percent are the sleeps: " + all);

        // limit and range
        JsonNode top = insights(owner, project, "?limit=1&range=1h").get("queries");
        assertEquals(1, top.size());
        assertEquals(literals, top.get(0));
        assertEquals(all, insights(owner, project, "?range=7d&limit=20"));
        assertEquals(all, insights(owner, project, "?range=24h"));

        // a second flush adds to the same period's rows
        try (Connection c = connect(project, "extended"); Statement s = c.createStatement()) {
            s.execute("SELECT 3");
        }
        assertTrue(reporter.flush());
        assertEquals(13, shape(insights(owner, project, "?range=6h"), "SELECT 1").get("total_count").asLong());
    }

    @Test
    void shapesBeyondTheTiersBoundAreCountedButNotListed() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Bounded");
        int bound = 8;
        http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"manual","max_query_shapes":%d}""".formatted(owner.orgId(), bound),
                "X-Internal-Secret", SECRET).expect(200).conformsTo(PGBEAM);
        assertEquals(bound, http.get("/v1/organizations/" + owner.orgId() + "/plan", owner.auth()).expect(200).json()
                .get("limits").get("max_query_shapes").asInt());
        String project = newProject(owner);
        try (Connection c = connect(project, "simple"); Statement s = c.createStatement()) {
            for (int i = 0; i < bound + 5; i++) {
                s.execute("SELECT 1 AS shape_" + i); // a distinct shape each
            }
        }
        assertTrue(reporter.flush());
        JsonNode insights = insights(owner, project, "?limit=100");
        long listed = 0;
        for (JsonNode q : insights.get("queries")) {
            listed += q.get("total_count").asLong();
        }
        assertEquals(bound, insights.get("queries").size(), "max_query_shapes tracked, the first seen: " + insights);
        assertTrue(insights.get("cache").get("total_misses").asLong() >= listed + 5, "the dropped ones still count: " + insights);
    }

    /** Centrali's overview reads the same figures: projects, their databases, the shapes seen and today's statements. */
    @Test
    void theWorkspaceOverviewCountsTheDataPlane() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Overview");
        String project = newProject(owner);
        newProject(owner);
        try (Connection c = connect(project, "simple"); Statement s = c.createStatement()) {
            for (int i = 0; i < 4; i++) {
                s.execute("SELECT " + i);
                s.execute("SELECT 'x' || " + i);
            }
        }
        assertTrue(reporter.flush());
        assertTrue(snapshots.flush());
        JsonNode overview = http.get("/workspace/api/v1/" + owner.orgSlug() + "/overview", owner.auth()).expect(200)
                .conformsTo(dev.tollgate.testing.ApiContract.Document.CENTRALI).json();
        assertEquals(2, overview.get("structures").get("total").asInt(), overview.toString());
        assertEquals(2, overview.get("structures").get("recentlyCreated").asInt());
        assertEquals(2, overview.get("records").get("total").asInt(), "each project's database");
        assertEquals(2, overview.get("records").get("createdToday").asInt());
        // the two shapes, and the driver's own session statement at connect
        assertTrue(overview.get("compute").get("functionsTotal").asInt() >= 2, overview.toString());
        assertTrue(overview.get("compute").get("runsToday").asLong() >= 8, overview.toString());
        long unanswered = overview.get("compute").get("failedToday").asLong();
        // statements counted without a complete reply (in flight at a flush, or cut off): a few at most, never more than ran
        assertTrue(unanswered >= 0 && unanswered <= 1, overview.toString());
        assertTrue(overview.get("recentActivity").toString().contains("\"project.created\""), overview.toString());
    }

    /** PgBeam's onboarding checklist sees the steps happen: a project with its database, a connection test, a first query. */
    @Test
    void onboardingStepsAreDetectedFromWhatHappened() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Newcomer");
        String path = "/v1/organizations/" + owner.orgId() + "/onboarding";
        assertEquals(1, http.get(path, owner.auth()).expect(200).json().get("steps_completed").asInt());
        String project = newProject(owner);
        JsonNode afterProject = http.get(path, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(afterProject.get("project_created").asBoolean() && afterProject.get("database_added").asBoolean(), afterProject.toString());
        assertFalse(afterProject.get("connection_tested").asBoolean());
        String database = http.get("/v1/projects/" + project + "/databases", owner.auth()).expect(200).json().get("databases").get(0)
                .get("id").asText();
        http.post("/v1/projects/" + project + "/databases/" + database + "/test-connection", null, owner.auth()).expect(200);
        assertTrue(http.get(path, owner.auth()).expect(200).json().get("connection_tested").asBoolean());
        try (Connection c = connect(project, "simple"); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        assertTrue(reporter.flush());
        JsonNode afterQuery = http.get(path, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(afterQuery.get("first_query_run").asBoolean(), afterQuery.toString());
        assertEquals(5, afterQuery.get("steps_completed").asInt(), "all but copying the connection string, which only the dashboard sees");
        JsonNode done = http.patch(path, "{\"step\":\"connection_string_copied\"}", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(done.get("completed").asBoolean());

        // The person's account export lists the project and its database, without the database's password.
        JsonNode export = http.get("/v1/account/export", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(project, export.get("projects").get(0).get("id").asText());
        assertEquals(database, export.get("databases").get(0).get("id").asText());
        assertFalse(export.toString().contains(PASSWORD), "no database password in the export");
    }

    @Test
    void aProjectWithoutTrafficHasNoInsights() {
        Accounts.Account owner = Accounts.signUp(http, "Quiet");
        String fresh = newProject(owner);
        JsonNode body = insights(owner, fresh, "");
        assertEquals(0, body.get("queries").size());
        assertEquals(0, body.get("cache").get("total_hits").asLong());
        assertEquals(0, body.get("cache").get("total_misses").asLong());
        assertEquals(0.0, body.get("cache").get("hit_rate").asDouble());
        assertEquals(0.0, body.get("latency").get("avg_ms").asDouble());
        assertEquals(0.0, body.get("latency").get("p99_ms").asDouble());
    }

    @Test
    void strangersAndUnknownProjectsAreNotFoundAndAnonymousCallersUnauthorized() {
        Accounts.Account owner = Accounts.signUp(http, "Owner");
        String project = newProject(owner);
        http.get("/v1/projects/" + project + "/insights").expect(401).conformsTo(PGBEAM);
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        http.get("/v1/projects/" + project + "/insights", stranger.auth()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/prj_01h455vb4pex5vsknk084sn02q/insights", owner.auth()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/not-an-id/insights", owner.auth()).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void badRangesAndLimitsAreRefusedPrecisely() {
        Accounts.Account owner = Accounts.signUp(http, "Picky");
        String project = newProject(owner);
        for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=101", "limit"}, {"limit=abc", "limit"},
                {"limit=2.5", "limit"}, {"range=2d", "range"}, {"range=", "range"}, {"range=1H", "range"}}) {
            JsonNode error = http.get("/v1/projects/" + project + "/insights?" + bad[0], owner.auth()).expect(400).conformsTo(PGBEAM)
                    .json().get("error");
            assertTrue(error.get("message").asText().contains(bad[1]), bad[0] + ": " + error);
        }
    }
}
