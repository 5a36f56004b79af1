package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's DeleteOrganizationResources over real HTTP, with a real client connected through the proxy and Vercel
 * faked: the organization's projects are deleted (and audited once), its live connections closed and new ones refused,
 * its Vercel installation removed with its resources, its plan row deleted and its tier back to the initial one; a
 * second call changes nothing; another organization is untouched. The internal secret is checked before the id.
 */
@MicronautTest(transactional = false)
class PgBeamDeleteOrganizationResourcesContractTest extends HttpTest {
    static final String SECRET = "delete-organization-secret";
    static final String PASSWORD = "delete-org-secret";
    static final FakeVercel VERCEL = new FakeVercel();
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};

    @Inject
    PgWireServer proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(VERCEL.properties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @AfterAll
    void stopVercel() {
        VERCEL.close();
    }

    /** A Vercel installation's organization on scale (a resource bought on it), with the contact as its owner. */
    record Installed(String installationId, String resourceId, String orgId, String slug, String[] owner) {
    }

    private Installed vercelOrganization() {
        String installationId = "icfg_" + UUID.randomUUID().toString().replace("-", "");
        String email = "vercel-" + UUID.randomUUID() + "@example.com";
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"%s","password":"correct horse battery","organization_name":"Own Inc"}""".formatted(email)).expect(201).json();
        String[] owner = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String[] vercel = {"Authorization", "Bearer " + VERCEL.adminToken(installationId)};
        http.put("/v1/installations/" + installationId, """
                {"scopes":["read-write:integration-resource"],"acceptedPolicies":{"toc":"2026-12-01T10:00:00Z"},
                 "credentials":{"access_token":"vercel-access-%s","token_type":"Bearer"},
                 "account":{"name":"Doomed Vercel","url":"https://vercel.com/doomed","contact":{"email":"%s","name":"Ada"}}}"""
                .formatted(installationId, email), vercel).expect(200);
        String resourceId = http.post("/v1/installations/" + installationId + "/resources", """
                {"productId":"tollgate","name":"main-db","metadata":{},"billingPlanId":"scale"}""", vercel).expect(200).json().get("id").asText();
        String slug = null;
        for (JsonNode org : http.get("/v1/organizations", owner).expect(200).json().get("data")) {
            if (org.get("display_name").asText().equals("Doomed Vercel")) {
                slug = org.get("name").asText();
            }
        }
        String orgId = plan(slug, owner).get("org_id").asText();
        return new Installed(installationId, resourceId, orgId, slug, owner);
    }

    private JsonNode plan(String slug, String[] auth) {
        return http.get("/v1/organizations/" + slug + "/plan", auth).expect(200).conformsTo(PGBEAM).json();
    }

    private String project(String orgId, String name, String[] auth) {
        return http.post("/v1/projects", """
                {"name":"%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(name, orgId, UpstreamPostgres.get().getPort(), PASSWORD), auth)
                .expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String projectId) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + projectId);
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    private static void query(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    private List<String> auditTypes(String slug, String[] auth) {
        List<String> types = new ArrayList<>();
        http.get("/workspace/api/v1/" + slug + "/audit/activity?limit=100", auth).expect(200).json().get("entries")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private void deleteResources(String orgId) {
        http.delete("/v1/internal/organizations/" + orgId, OPERATOR).expect(204).conformsTo(PGBEAM);
    }

    @Test
    void everyResourceOfTheOrganizationGoesAndASecondCallChangesNothing() throws Exception {
        Installed doomed = vercelOrganization();
        String first = project(doomed.orgId(), "first", doomed.owner());
        String second = project(doomed.orgId(), "second", doomed.owner());
        Accounts.Account bystander = Accounts.signUp(http, "Bystander");
        String kept = project(bystander.orgId(), "kept", bystander.auth());
        assertEquals("scale", plan(doomed.slug(), doomed.owner()).get("plan").asText());
        assertEquals("vercel", plan(doomed.slug(), doomed.owner()).get("billing_provider").asText());

        try (Connection live = connect(first); Connection other = connect(kept)) {
            query(live);
            deleteResources(doomed.orgId());

            assertThrows(SQLException.class, () -> query(live), "the live connection was closed");
            query(other); // another organization's connection stays
        }
        assertEquals("08004", assertThrows(SQLException.class, () -> connect(second).close()).getSQLState(), "a new connection is refused");
        assertEquals("08004", assertThrows(SQLException.class, () -> connect(first).close()).getSQLState());
        try (Connection stillServed = connect(kept)) {
            query(stillServed);
        }

        // the projects are deleted: not found, and not listed
        http.get("/v1/projects/" + first, doomed.owner()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/" + second, doomed.owner()).expect(404).conformsTo(PGBEAM);
        assertEquals(0, http.get("/v1/projects?org_id=" + doomed.orgId(), doomed.owner()).expect(200).conformsTo(PGBEAM).json().get("projects").size());
        assertEquals(1, http.get("/v1/projects?org_id=" + bystander.orgId(), bystander.auth()).expect(200).json().get("projects").size());

        // the Vercel installation is removed with its resource: it takes nothing new
        String[] vercel = {"Authorization", "Bearer " + VERCEL.adminToken(doomed.installationId())};
        http.get("/v1/installations/" + doomed.installationId() + "/resources/" + doomed.resourceId(), vercel).expect(404);
        http.post("/v1/installations/" + doomed.installationId() + "/resources", """
                {"productId":"tollgate","name":"again","metadata":{}}""", vercel).expect(409);

        // the plan row is gone and the tier is the initial one again
        JsonNode plan = plan(doomed.slug(), doomed.owner());
        assertEquals("starter", plan.get("plan").asText());
        assertFalse(plan.hasNonNull("billing_provider"), "no billing provider is reported any more: " + plan);
        assertEquals("none", plan.get("subscription_status").asText());

        List<String> audited = auditTypes(doomed.slug(), doomed.owner());
        assertEquals(2, audited.stream().filter("project.deleted"::equals).count(), audited.toString());
        assertTrue(audited.containsAll(List.of("vercel_installation.deleted", "tier.changed", "plan.deleted")), audited.toString());

        deleteResources(doomed.orgId());
        assertEquals(audited, auditTypes(doomed.slug(), doomed.owner()), "the second call recorded nothing");
        assertEquals(plan, plan(doomed.slug(), doomed.owner()), "and changed nothing");
        assertEquals(1, http.get("/v1/projects?org_id=" + bystander.orgId(), bystander.auth()).expect(200).json().get("projects").size());
    }

    @Test
    void theSecretIsCheckedBeforeTheId() {
        Accounts.Account owner = Accounts.signUp(http, "Guarded");
        String projectId = project(owner.orgId(), "guarded", owner.auth());
        http.delete("/v1/internal/organizations/" + owner.orgId()).expect(401).conformsTo(PGBEAM);
        http.delete("/v1/internal/organizations/" + owner.orgId(), "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        http.delete("/v1/internal/organizations/not-an-id", "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        http.delete("/v1/internal/organizations/" + owner.orgId(), owner.auth()).expect(401).conformsTo(PGBEAM);
        http.get("/v1/projects/" + projectId, owner.auth()).expect(200);
    }

    @Test
    void aMalformedIdIsRefusedAndAnUnknownOneIsANoOp() {
        Accounts.Account owner = Accounts.signUp(http, "Slugged");
        String projectId = project(owner.orgId(), "named", owner.auth());
        for (String malformed : new String[] {"not-an-id", owner.orgSlug(), "org_123", "prj_" + owner.orgId().substring(4)}) {
            JsonNode error = http.delete("/v1/internal/organizations/" + malformed, OPERATOR).expect(400).conformsTo(PGBEAM).json().get("error");
            assertTrue(error.get("message").asText().startsWith("org_id: must be an organization id"), error.toString());
        }
        http.get("/v1/projects/" + projectId, owner.auth()).expect(200); // a slug names nothing here, not even its organization

        deleteResources("org_01h455vb4pex5vsknk084sn02q");
        http.get("/v1/projects/" + projectId, owner.auth()).expect(200);
    }
}
