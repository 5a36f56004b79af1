package dev.tollgate.proxy.adapters.in.http.pgbeam;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PgBeam's projects, databases, replicas and regions over real HTTP, validated against pgbeam-control-plane.json. */
@MicronautTest(transactional = false)
class PgBeamProjectsContractTest extends HttpTest {
    @Inject
    DataSource dataSource;
    String token;
    String orgId;

    @BeforeEach
    void signUp() {
        // Each test in its own organization, so that listings count only its own projects.
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"owner-%s@example.com","password":"correct horse battery","organization_name":"Beam Inc"}
                """.formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The tenant's upstream: the second embedded PostgreSQL, never the control plane's. */
    /** What the upstream itself says it runs: the connection test must report exactly that. */
    private static String upstreamServerVersion() throws java.sql.SQLException {
        try (Connection c = UpstreamPostgres.get().getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String upstream(String password) {
        int port = UpstreamPostgres.get().getPort();
        return """
                {"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"%s","ssl_mode":"disable",
                 "pool_config":{"pool_size":20,"min_pool_size":2,"pool_mode":"transaction"}}""".formatted(port, password);
    }

    private JsonNode createProject(String name) {
        return http.post("/v1/projects", """
                {"name":"%s","org_id":"%s","tags":["prod"],"database":%s}""".formatted(name, orgId, upstream("s3cret-pw")), auth())
                .expect(201).conformsTo(PGBEAM).json();
    }

    @Test
    void healthIsPublicAndMatchesPgBeam() {
        var health = http.get("/v1/health").expect(200).conformsTo(PGBEAM).json();
        assertEquals("ok", health.get("status").asText());
    }

    @Test
    void projectsHaveTheirFullLifecycle() {
        JsonNode created = createProject("Checkout");
        String projectId = created.get("project").get("id").asText();
        assertTrue(projectId.matches("prj_[0-9a-hjkmnp-tv-z]{26}"), projectId);
        assertEquals(orgId, created.get("project").get("org_id").asText());
        assertFalse(created.get("database").has("password"), "passwords are write-only");
        assertTrue(created.get("database").get("connection_string").asText().contains(":YOUR_PASSWORD@"));
        assertEquals(20, created.get("database").get("pool_config").get("pool_size").asInt());

        createProject("Analytics");
        var page1 = http.get("/v1/projects?org_id=" + orgId + "&page_size=1&sort_by=name", auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(2, page1.get("total").asInt());
        assertEquals("Analytics", page1.get("projects").get(0).get("name").asText());
        var page2 = http.get("/v1/projects?org_id=" + orgId + "&page_size=1&sort_by=name&page_token="
                + page1.get("next_page_token").asText(), auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals("Checkout", page2.get("projects").get(0).get("name").asText());
        assertFalse(page2.has("next_page_token"));

        http.get("/v1/projects/" + projectId, auth()).expect(200).conformsTo(PGBEAM);
        var updated = http.patch("/v1/projects/" + projectId, """
                {"description":"payments","allowed_cidrs":[{"cidr":"203.0.113.0/24","label":"Office"},{"cidr":"2001:db8::1"}],
                 "status":"suspended"}""", auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals("suspended", updated.get("status").asText());
        assertEquals("203.0.113.0/24", updated.get("allowed_cidrs").get(0).get("cidr").asText());
        assertTrue(updated.get("allowed_cidrs").get(1).get("cidr").asText().endsWith("/128"));

        http.delete("/v1/projects/" + projectId, auth()).expect(204);
        http.get("/v1/projects/" + projectId, auth()).expect(404).conformsTo(PGBEAM);
        assertEquals(1, http.get("/v1/projects?org_id=" + orgId, auth()).json().get("total").asInt());
    }

    @Test
    void databasesAreRegisteredTestedUpdatedAndRemoved() throws Exception {
        String projectId = createProject("Ledger").get("project").get("id").asText();
        String base = "/v1/projects/" + projectId + "/databases";
        var second = http.post(base, upstream("another-pw"), auth()).expect(201).conformsTo(PGBEAM).json();
        String databaseId = second.get("id").asText();
        var list = http.get(base + "?page_size=10", auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(2, list.get("databases").size());
        http.get(base + "/" + databaseId, auth()).expect(200).conformsTo(PGBEAM);

        var ok = http.post(base + "/" + databaseId + "/test-connection", null, auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(ok.get("ok").asBoolean(), ok.toString());
        assertEquals(upstreamServerVersion(), ok.get("server_version").asText(), ok.toString());

        var moved = http.patch(base + "/" + databaseId, "{\"port\":1,\"query_timeout_ms\":5000}", auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(5000, moved.get("query_timeout_ms").asInt());
        var failed = http.post(base + "/" + databaseId + "/test-connection", null, auth()).expect(200).conformsTo(PGBEAM).json();
        assertFalse(failed.get("ok").asBoolean());
        assertFalse(failed.get("error").asText().isBlank());

        // The password is stored sealed, never in clear.
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT sealed_password FROM proxy.databases")) {
            while (rs.next()) {
                // The whole passwords: a two-letter fragment turns up in random ciphertext now and then.
                String sealed = rs.getString(1);
                assertFalse(sealed.contains("s3cret-pw") || sealed.contains("another-pw"), "plaintext password at rest");
            }
        }

        http.delete(base + "/" + databaseId, auth()).expect(204);
        http.get(base + "/" + databaseId, auth()).expect(404).conformsTo(PGBEAM);
        String primary = http.get(base, auth()).json().get("databases").get(0).get("id").asText();
        http.delete(base + "/" + primary, auth()).expect(400).conformsTo(PGBEAM);
    }

    @Test
    void replicasAndRegions() {
        String databaseId = createProject("Reads").get("database").get("id").asText();
        String base = "/v1/databases/" + databaseId + "/replicas";
        var replica = http.post(base, "{\"host\":\"localhost\",\"port\":5433}", auth()).expect(201).conformsTo(PGBEAM).json();
        assertEquals("disable", replica.get("ssl_mode").asText(), "a replica inherits its database's sslmode");
        assertEquals(1, http.get(base, auth()).expect(200).conformsTo(PGBEAM).json().get("replicas").size());
        http.delete(base + "/" + replica.get("id").asText(), auth()).expect(204);
        http.delete(base + "/" + replica.get("id").asText(), auth()).expect(404).conformsTo(PGBEAM);

        var regions = http.get("/v1/regions", auth()).expect(200).conformsTo(PGBEAM).json().get("regions");
        assertTrue(regions.get(0).get("available").asBoolean());
        http.get("/v1/regions").expect(401).conformsTo(PGBEAM);
    }

    @Test
    void badInputAndOtherTenantsAreRefusedInPgBeamShape() {
        String projectId = createProject("Guarded").get("project").get("id").asText();
        http.post("/v1/projects", "{\"name\":\"x\",\"org_id\":\"" + orgId + "\"}", auth()).expect(400).conformsTo(PGBEAM);
        http.post("/v1/projects", "{\"name\":\"x\",\"org_id\":\"" + orgId + "\",\"database\":{\"host\":\"a b\",\"port\":5432,"
                + "\"name\":\"d\",\"username\":\"u\",\"password\":\"p\"}}", auth()).expect(400).conformsTo(PGBEAM);
        http.post("/v1/projects", "{\"name\":\"x\",\"org_id\":\"" + orgId + "\",\"database\":{\"host\":\"h\",\"port\":70000,"
                + "\"name\":\"d\",\"username\":\"u\",\"password\":\"p\"}}", auth()).expect(400).conformsTo(PGBEAM);
        http.post("/v1/projects", "{\"name\":\"x\",\"org_id\":\"" + orgId + "\",\"cloud\":\"ibm\",\"database\":" + upstream("p") + "}",
                auth()).expect(400).conformsTo(PGBEAM);
        http.patch("/v1/projects/" + projectId, "{\"allowed_cidrs\":[{\"cidr\":\"300.1.1.1/24\"}]}", auth()).expect(400).conformsTo(PGBEAM);
        http.patch("/v1/projects/" + projectId, "{\"allowed_cidrs\":[{\"cidr\":\"10.0.0.0/33\"}]}", auth()).expect(400).conformsTo(PGBEAM);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"cidr\":\"10.0.").append(i).append(".0/24\"}");
        }
        http.patch("/v1/projects/" + projectId, "{\"allowed_cidrs\":" + many + "]}", auth()).expect(400).conformsTo(PGBEAM);
        http.patch("/v1/projects/" + projectId, "{\"status\":\"paused\"}", auth()).expect(400).conformsTo(PGBEAM);
        http.get("/v1/projects?org_id=" + orgId + "&page_size=101", auth()).expect(400).conformsTo(PGBEAM);
        http.get("/v1/projects?org_id=" + orgId + "&sort_by=size", auth()).expect(400).conformsTo(PGBEAM);
        http.get("/v1/projects", auth()).expect(400).conformsTo(PGBEAM);
        http.get("/v1/projects/" + projectId).expect(401).conformsTo(PGBEAM);

        JsonNode other = http.post("/v1/auth/signup", """
                {"email":"other-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] otherAuth = {"Authorization", "Bearer " + other.get("access_token").asText()};
        http.get("/v1/projects/" + projectId, otherAuth).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects?org_id=" + orgId, otherAuth).expect(404);
        http.delete("/v1/projects/" + projectId, otherAuth).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/" + projectId, auth()).expect(200);
    }
}
