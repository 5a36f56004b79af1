package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tier limits in the control plane: a new organization is on starter (one project, one database per project);
 * the operator's SyncPlan moves it to pro at once; concurrent creations never overshoot the limit.
 */
@MicronautTest(transactional = false)
class PlanLimitsTest extends HttpTest {
    static final String SECRET = "plan-limits-secret";
    String token;
    String orgId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @BeforeEach
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"owner-%s@example.com","password":"correct horse battery","organization_name":"Limits Inc"}
                """.formatted(java.util.UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private TestHttp.Exchange createProject(String name) {
        int port = UpstreamPostgres.get().getPort();
        return http.post("/v1/projects", """
                {"name":"%s","org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable"}}""".formatted(name, orgId, port), auth());
    }

    private void syncPlan(String plan, String status) {
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"%s\",\"plan\":\"%s\",\"status\":\"%s\"}".formatted(orgId, plan, status),
                "X-Internal-Secret", SECRET).expect(200).conformsTo(PGBEAM);
    }

    @Test
    void starterAllowsOneProjectWithOneDatabaseUntilTheOrganizationUpgrades() {
        JsonNode plan = http.get("/v1/organizations/" + orgId + "/plan", auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals("starter", plan.get("plan").asText());
        assertEquals(1, plan.get("limits").get("max_projects").asInt());

        String projectId = createProject("first").expect(201).json().get("project").get("id").asText();
        JsonNode refused = createProject("second").expect(403).conformsTo(PGBEAM).json();
        assertEquals("plan_limit", refused.get("error").get("code").asText());
        assertTrue(refused.get("error").get("message").asText().contains("starter plan allows 1 active project"));
        int port = UpstreamPostgres.get().getPort();
        String database = """
                {"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"pw","ssl_mode":"disable"}""".formatted(port);
        http.post("/v1/projects/" + projectId + "/databases", database, auth()).expect(403).conformsTo(PGBEAM);

        syncPlan("pro", "active");
        assertEquals("pro", http.get("/v1/organizations/" + orgId + "/plan", auth()).expect(200).json().get("plan").asText());
        createProject("second").expect(201);
        http.post("/v1/projects/" + projectId + "/databases", database, auth()).expect(201).conformsTo(PGBEAM);
        JsonNode created = createProject("third").expect(201).json();
        assertEquals(100, created.get("project").get("max_connections").asInt(), "a new project gets the tier's limits");
        assertEquals(500, created.get("project").get("queries_per_second").asInt());

        assertEquals(100, http.get("/v1/projects/" + projectId, auth()).expect(200).conformsTo(PGBEAM).json().get("max_connections").asInt(),
                "an existing project shows the limits of the tier in force (starter's 20 became pro's 100)");
        syncPlan("pro", "canceled"); // back to starter: existing projects stay, new ones are refused
        createProject("fourth").expect(403);
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"%s\",\"plan\":\"pro\",\"status\":\"active\"}".formatted(orgId), auth())
                .expect(401).conformsTo(PGBEAM);
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"org_nope\",\"plan\":\"pro\",\"status\":\"active\"}", "X-Internal-Secret", SECRET)
                .expect(404).conformsTo(PGBEAM);
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"%s\",\"plan\":\"gold\",\"status\":\"active\"}".formatted(orgId),
                "X-Internal-Secret", SECRET).expect(400).conformsTo(PGBEAM);
    }

    @Test
    void upstreamPoolsStayWithinTheTiersConnections() {
        int port = UpstreamPostgres.get().getPort();
        String tooBig = """
                {"name":"big","org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable","pool_config":{"pool_size":21,"min_pool_size":1,"pool_mode":"transaction"}}}""".formatted(orgId, port);
        JsonNode refused = http.post("/v1/projects", tooBig, auth()).expect(400).conformsTo(PGBEAM).json();
        assertTrue(refused.get("error").get("message").asText().contains("must not exceed 20, the connections per project of the starter plan"),
                refused.toString());
        JsonNode created = http.post("/v1/projects", tooBig.replace("\"pool_size\":21", "\"pool_size\":20"), auth()).expect(201).json();
        String base = "/v1/projects/" + created.get("project").get("id").asText() + "/databases/" + created.get("database").get("id").asText();
        http.patch(base, "{\"pool_config\":{\"pool_size\":500,\"min_pool_size\":1,\"pool_mode\":\"transaction\"}}", auth()).expect(400).conformsTo(PGBEAM);
        syncPlan("scale", "active"); // 500 connections per project
        http.patch(base, "{\"pool_config\":{\"pool_size\":500,\"min_pool_size\":1,\"pool_mode\":\"transaction\"}}", auth()).expect(200).conformsTo(PGBEAM);
    }

    @Test
    void usageEventIngestionFollowsTheTiersRate() {
        // starter: 50 events a second, bursts of 500 (events_per_second, catalog V4).
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 501; i++) {
            events.append(i == 0 ? "" : ",").append("""
                    {"specversion":"1.0","id":"e%d","source":"tier","type":"call","subject":"s","data":{}}""".formatted(i));
        }
        String batch = events.append(']').toString();
        String[] ingest = {"Authorization", "Bearer " + token, "Content-Type", "application/cloudevents-batch+json"};
        var refused = http.post("/api/v1/events", batch, ingest).expect(400).conformsTo(OPENMETER);
        assertTrue(refused.body().contains("at most 500 events per request"), refused.body());
        http.post("/api/v1/events", batch.replaceFirst("\\{[^}]*\\{}},", ""), ingest).expect(204);
    }

    @Test
    void concurrentCreationsNeverOvershootTheLimit() throws Exception {
        syncPlan("pro", "active"); // 5 projects
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "p" + i;
            results.add(pool.submit(() -> createProject(name).status()));
        }
        int created = 0;
        int refused = 0;
        for (Future<Integer> r : results) {
            int status = r.get();
            created += status == 201 ? 1 : 0;
            refused += status == 403 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(5, created);
        assertEquals(7, refused);
    }

    @Test
    void membersBeyondTheIncludedSeatsAreRefused() {
        String email = "member-" + java.util.UUID.randomUUID() + "@example.com";
        String token = http.post("/v1/auth/signup", """
                {"email":"%s","password":"correct horse battery","organization_name":"Elsewhere"}""".formatted(email)).expect(201)
                .json().get("access_token").asText();
        String body = "{\"org_id\":\"" + orgId + "\",\"email\":\"" + email + "\",\"role\":\"member\"}";
        TestHttp.Exchange refused = http.post("/v1/invitations", body, auth()).expect(403).conformsTo(PGBEAM);
        assertTrue(refused.body().contains("the plan includes 1 seat"), refused.body());
        syncPlan("pro", "active"); // 3 seats
        String invitation = http.post("/v1/invitations", body, auth()).expect(202).json().get("id").asText();
        http.post("/v1/invitations/" + invitation + "/accept", null, "Authorization", "Bearer " + token).expect(201);
    }
}
