package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A list with nothing in it still writes its array ({@code []}) and every other documented key, in all dialects: a
 * client that reads {@code response.items} must never find the key missing. Each call is in a brand-new organization.
 */
@MicronautTest(transactional = false)
class EmptyListsTest extends HttpTest {

    private record Listing(String path, ApiContract.Document dialect, String arrayPointer) {
    }

    @Test
    void everyEmptyListWritesItsArray() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"empty-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String orgId = signedUp.get("organization").get("id").asText();
        String slug = http.get("/v1/organizations", auth).expect(200).json().get("data").get(0).get("name").asText();
        JsonNode project = http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.port()), auth).expect(201).json();
        String projectId = project.get("project").get("id").asText();
        String databaseId = project.get("database").get("id").asText();
        JsonNode noTokens = http.get("/v1/organizations/" + slug + "/service-tokens", auth).expect(200).conformsTo(PLANETSCALE).json();
        assertTrue(noTokens.get("data").isArray() && noTokens.get("data").isEmpty(), "listServiceTokens: " + noTokens);
        String tokenId = http.post("/v1/organizations/" + slug + "/service-tokens", "{\"name\":\"ci\"}", auth).expect(201)
                .json().get("id").asText();
        List<Listing> listings = List.of(
                new Listing("/v1/projects/" + projectId + "/domains", PGBEAM, "/domains"),
                new Listing("/v1/databases/" + databaseId + "/replicas", PGBEAM, "/replicas"),
                new Listing("/v1/organizations/" + slug + "/teams", PLANETSCALE, "/data"),
                new Listing("/v1/organizations/" + slug + "/databases/" + projectId + "/webhooks", PLANETSCALE, "/data"),
                new Listing("/v1/organizations/" + slug + "/service-tokens/" + tokenId + "/accesses", PLANETSCALE, "/data"),
                new Listing("/api/v1/customers", OPENMETER, "/items"),
                new Listing("/api/v1/meters", OPENMETER, ""),
                new Listing("/api/v1/features", OPENMETER, ""),
                new Listing("/api/v1/plans", OPENMETER, "/items"),
                new Listing("/api/v1/addons", OPENMETER, "/items"),
                new Listing("/api/v1/notification/channels", OPENMETER, "/items"),
                new Listing("/api/v1/notification/rules", OPENMETER, "/items"),
                new Listing("/api/v1/notification/events", OPENMETER, "/items"),
                new Listing("/api/v1/subjects", OPENMETER, ""),
                new Listing("/api/v1/events", OPENMETER, ""),
                new Listing("/api/v2/events", OPENMETER, "/items"),
                new Listing("/api/v1/entitlements", OPENMETER, ""),
                new Listing("/api/v2/entitlements", OPENMETER, "/items"),
                new Listing("/api/v1/grants", OPENMETER, ""),
                new Listing("/api/v2/grants", OPENMETER, "/items"),
                new Listing("/api/v1/portal/tokens", OPENMETER, ""));
        List<String> failures = new ArrayList<>();
        sweep(listings, auth, failures);

        // Parents with nothing under them yet: a customer, a meter with a group-by, a plan, a feature's entitlement.
        http.post("/api/v1/customers", "{\"name\":\"Empty\",\"key\":\"empty\",\"usageAttribution\":{\"subjectKeys\":[\"empty-s\"]}}",
                auth).expect(201);
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"SUM\",\"eventType\":\"call\",\"valueProperty\":\"$.n\","
                + "\"groupBy\":{\"model\":\"$.model\"}}", auth).expect(201);
        String planId = http.post("/api/v1/plans", "{\"key\":\"empty\",\"name\":\"Empty\",\"currency\":\"USD\",\"billingCadence\":\"P1M\","
                + "\"phases\":[{\"key\":\"main\",\"name\":\"Main\",\"duration\":null,\"rateCards\":[]}]}", auth).expect(201).json()
                .get("id").asText();
        http.post("/api/v1/features", "{\"key\":\"metered_calls\",\"name\":\"Calls\",\"meterSlug\":\"calls\"}", auth).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Lonely\",\"key\":\"lonely\",\"usageAttribution\":{\"subjectKeys\":[\"lonely\"]}}",
                auth).expect(201);
        http.post("/api/v2/customers/empty/entitlements", "{\"type\":\"metered\",\"featureKey\":\"metered_calls\","
                + "\"usagePeriod\":{\"interval\":\"MONTH\"}}", auth).expect(201);

        sweep(List.of(
                new Listing("/api/v1/meters/calls/subjects", OPENMETER, ""),
                new Listing("/api/v1/meters/calls/group-by/model/values", OPENMETER, ""),
                new Listing("/api/v1/plans/" + planId + "/addons", OPENMETER, "/items"),
                new Listing("/api/v2/customers/empty/entitlements/metered_calls/grants", OPENMETER, "/items"),
                new Listing("/api/v1/subjects/lonely/entitlements", OPENMETER, ""),
                new Listing("/api/v1/subjects/empty-s/entitlements/metered_calls/grants", OPENMETER, ""),
                new Listing("/api/v2/customers/lonely/entitlements", OPENMETER, "/items")), auth, failures);
        assertEquals(List.of(), failures, "lists without their empty array");
    }

    private void sweep(List<Listing> listings, String[] auth, List<String> failures) {
        for (Listing listing : listings) {
            var response = http.get(listing.path(), auth).expect(200).conformsTo(listing.dialect());
            JsonNode array = response.json().at(listing.arrayPointer());
            if (!array.isArray() || !array.isEmpty()) {
                failures.add(listing.path() + " -> " + response.body());
            }
        }
    }

    @Test
    void someoneWhoseOnlyWorkspaceIsDeletedListsNone() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"alone-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        http.delete("/workspace/api/v1/" + signedUp.get("organization").get("slug").asText(), auth).expect(200);
        List<String> failures = new ArrayList<>();
        sweep(List.of(new Listing("/v1/organizations", PLANETSCALE, "/data"), new Listing("/api/workspaces", PHP_TENANT, "/data")),
                auth, failures);
        assertEquals(List.of(), failures, "lists without their empty array");
    }

    @Test
    void pagesWriteEveryLinkEvenWhenThereIsNoOtherPage() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"pages-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        JsonNode page = http.get("/api/workspaces", auth).expect(200).conformsTo(PHP_TENANT).json();
        for (String link : new String[] {"first", "last", "prev", "next"}) {
            assertTrue(page.get("links").has(link), "links." + link + " is written (null when there is none): " + page);
        }
        assertTrue(page.get("links").get("prev").isNull());
        assertTrue(page.get("links").get("next").isNull(), "one workspace, one page: " + page);
        assertEquals(page.get("links").get("first").asText(), page.get("links").get("last").asText());
        // the sign-up's own workspace is the first and last item of the page
        assertEquals(1, page.get("meta").get("from").asInt(), page.toString());
        assertEquals(1, page.get("meta").get("to").asInt(), page.toString());
        JsonNode projects = http.get("/v1/projects?org_id=" + signedUp.get("organization").get("id").asText(), auth)
                .expect(200).conformsTo(PGBEAM).json();
        assertTrue(projects.get("projects").isArray() && projects.get("projects").isEmpty(), projects.toString());
    }
}
