package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vercel Marketplace's partner API (ADR 0044) over real HTTP, with Vercel faked: its JWKS signs the OIDC tokens. An
 * installation becomes an organization billed by Vercel; plan changes move its tier; an uninstall ends it; tokens that
 * are not Vercel's for this integration and installation are refused in Vercel's error shape.
 */
@MicronautTest(transactional = false)
class VercelMarketplaceContractTest extends HttpTest {
    static final FakeVercel VERCEL = new FakeVercel();
    String installationId;
    String email;
    String[] owner;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(VERCEL.properties());
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @AfterAll
    void stopVercel() {
        VERCEL.close();
    }

    /** The installing account's contact signs up first, so the test can sign in and look at the organization made for it. */
    @BeforeEach
    void contact() {
        installationId = "icfg_" + UUID.randomUUID().toString().replace("-", "");
        email = "vercel-" + UUID.randomUUID() + "@example.com";
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"%s","password":"correct horse battery","organization_name":"Own Inc"}""".formatted(email)).expect(201).json();
        owner = new String[] {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
    }

    private String[] as(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private String upsertBody() {
        return """
                {"scopes":["read-write:integration-resource"],"acceptedPolicies":{"toc":"2026-12-01T10:00:00Z"},
                 "credentials":{"access_token":"vercel-access-%s","token_type":"Bearer"},
                 "account":{"name":"Acme Vercel","url":"https://vercel.com/acme","contact":{"email":"%s","name":"Ada"}}}"""
                .formatted(installationId, email);
    }

    private JsonNode install() {
        return http.put("/v1/installations/" + installationId, upsertBody(), as(VERCEL.adminToken(installationId))).expect(200).json();
    }

    /** The organization the installation became: the one of the contact's that is not their own. */
    private JsonNode organizationPlan() {
        String slug = null;
        for (JsonNode org : http.get("/v1/organizations", owner).expect(200).json().get("data")) {
            if (org.get("display_name").asText().equals("Acme Vercel")) {
                slug = org.get("name").asText();
            }
        }
        assertTrue(slug != null, "the installation made an organization for its contact");
        return http.get("/v1/organizations/" + slug + "/plan", owner).expect(200).conformsTo(PGBEAM).json();
    }

    @Test
    void anInstallationBecomesAnOrganizationBilledByVercel() {
        JsonNode installed = install();
        assertEquals("starter", installed.get("billingPlan").get("id").asText(), "installed on the free tier until a plan is bought");
        assertEquals("installation", installed.get("billingPlan").get("scope").asText());
        JsonNode plan = organizationPlan();
        assertEquals("starter", plan.get("plan").asText());
        assertEquals("vercel", plan.get("billing_provider").asText());
        assertEquals("active", plan.get("subscription_status").asText());

        // Vercel re-sends an installation (fresh credentials): the same organization, no second one.
        install();
        long acme = 0;
        for (JsonNode org : http.get("/v1/organizations", owner).expect(200).json().get("data")) {
            acme += org.get("display_name").asText().equals("Acme Vercel") ? 1 : 0;
        }
        assertEquals(1, acme);
        assertEquals("starter", http.get("/v1/installations/" + installationId, as(VERCEL.adminToken(installationId))).expect(200)
                .json().get("billingPlan").get("id").asText());
    }

    @Test
    void aPlanChangeMovesTheTier() {
        install();
        JsonNode changed = http.patch("/v1/installations/" + installationId, "{\"billingPlanId\":\"pro\"}", as(VERCEL.adminToken(installationId)))
                .expect(200).json();
        assertEquals("pro", changed.get("billingPlan").get("id").asText());
        assertTrue(changed.get("billingPlan").get("paymentMethodRequired").asBoolean());
        assertEquals("pro", organizationPlan().get("plan").asText());

        http.patch("/v1/installations/" + installationId, "{\"billingPlanId\":\"enterprise\"}", as(VERCEL.adminToken(installationId)))
                .expect(400).conformsTo(PGBEAM);
        assertEquals("pro", organizationPlan().get("plan").asText(), "enterprise is not sold on the marketplace");
    }

    @Test
    void resourcesAreProvisionedOnTheOrganizationsTier() {
        install();
        String admin = VERCEL.adminToken(installationId);
        JsonNode created = http.post("/v1/installations/" + installationId + "/resources", """
                {"productId":"tollgate","name":"main-db","metadata":{"region":"iad1"},"billingPlanId":"scale"}""", as(admin))
                .expect(200).json();
        String resourceId = created.get("id").asText();
        assertEquals("main-db", created.get("name").asText());
        assertEquals("iad1", created.get("metadata").get("region").asText());
        assertEquals("scale", created.get("billingPlan").get("id").asText());
        assertEquals("ready", created.get("status").asText());
        assertEquals("scale", organizationPlan().get("plan").asText(), "buying a resource on scale moved the organization");

        String resource = "/v1/installations/" + installationId + "/resources/" + resourceId;
        assertEquals("main-db", http.get(resource, as(admin)).expect(200).json().get("name").asText());
        assertEquals(3, http.get(resource + "/plans", as(admin)).expect(200).json().get("plans").size(), "starter, pro and scale");
        JsonNode renamed = http.patch(resource, "{\"name\":\"primary\",\"billingPlanId\":\"pro\"}", as(admin)).expect(200).json();
        assertEquals("primary", renamed.get("name").asText());
        assertEquals("pro", organizationPlan().get("plan").asText());

        String retried = """
                {"productId":"tollgate","name":"replica-db"}""";
        String firstTry = http.post("/v1/installations/" + installationId + "/resources", retried, "Authorization", "Bearer " + admin,
                "Idempotency-Key", "provision-1").expect(200).json().get("id").asText();
        assertEquals(firstTry, http.post("/v1/installations/" + installationId + "/resources", retried, "Authorization", "Bearer " + admin,
                "Idempotency-Key", "provision-1").expect(200).json().get("id").asText(), "Vercel's retry gets the same resource");

        http.delete(resource, as(admin)).expect(204);
        http.get(resource, as(admin)).expect(404).conformsTo(PGBEAM);
        http.post("/v1/installations/" + installationId + "/resources", """
                {"productId":"another","name":"x"}""", as(admin)).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void plansAreListedForTheProductAndTheInstallation() {
        install();
        JsonNode product = http.get("/v1/products/tollgate/plans", as(VERCEL.systemToken(installationId))).expect(200).json();
        List<String> ids = new ArrayList<>();
        product.get("plans").forEach(p -> ids.add(p.get("id").asText()));
        assertEquals(List.of("starter", "pro", "scale"), ids, "the self-serve tiers, cheapest first");
        assertFalse(product.get("plans").get(0).get("paymentMethodRequired").asBoolean(), "the free tier needs no card");
        assertEquals(3, http.get("/v1/installations/" + installationId + "/plans", as(VERCEL.systemToken(installationId))).expect(200)
                .json().get("plans").size());
        http.get("/v1/products/unknown/plans", as(VERCEL.systemToken(installationId))).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void anUninstallEndsTheSubscriptionAndTheTier() {
        install();
        http.patch("/v1/installations/" + installationId, "{\"billingPlanId\":\"pro\"}", as(VERCEL.adminToken(installationId))).expect(200);
        JsonNode deleted = http.send("DELETE", "/v1/installations/" + installationId, "{\"cascadeResourceDeletion\":true,\"reason\":\"x\"}",
                as(VERCEL.adminToken(installationId))).expect(200).json();
        assertFalse(deleted.get("finalized").asBoolean(), "the final usage is still to be reported");
        JsonNode plan = organizationPlan();
        assertEquals("starter", plan.get("plan").asText());
        assertEquals("canceled", plan.get("subscription_status").asText());
        assertEquals("vercel", plan.get("billing_provider").asText());
        http.post("/v1/installations/" + installationId + "/resources", "{\"productId\":\"tollgate\",\"name\":\"late\"}",
                as(VERCEL.adminToken(installationId))).expect(409).conformsTo(PGBEAM);

        assertFalse(http.delete("/v1/installations/" + installationId, as(VERCEL.adminToken(installationId))).expect(200).json()
                .get("finalized").asBoolean(), "a repeated uninstall, without a body, answers the same");

        install(); // installed again: it stands anew, on the free tier
        assertEquals("active", organizationPlan().get("subscription_status").asText());
    }

    @Test
    void tokensThatAreNotVercelsForThisInstallationAreRefused() {
        install();
        String path = "/v1/installations/" + installationId;
        JsonNode missing = http.get(path).expect(401).conformsTo(PGBEAM).json();
        assertEquals("unauthorized", missing.get("error").get("code").asText());
        http.get(path, "Authorization", "Basic dXNlcjpwYXNz").expect(401).conformsTo(PGBEAM);
        http.get(path, as("not-a-jwt")).expect(401).conformsTo(PGBEAM);

        Instant past = Instant.now().minusSeconds(600);
        String expired = VERCEL.token(VERCEL.claims(installationId, "ADMIN").issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build());
        http.get(path, as(expired)).expect(401).conformsTo(PGBEAM);
        http.get(path, as(VERCEL.token(VERCEL.claims(installationId, "ADMIN").audience("oac_someone_else").build()))).expect(401);
        http.get(path, as(VERCEL.token(VERCEL.claims(installationId, "ADMIN").issuer("https://evil.example").build()))).expect(401);
        http.get(path, as(FakeVercel.token(VERCEL.claims(installationId, "ADMIN").build(), FakeVercel.forgersKey()))).expect(401)
                .conformsTo(PGBEAM);
        // An anonymous body is judged after the token: a missing token is 401 whatever the body.
        http.put(path, "{}").expect(401).conformsTo(PGBEAM);

        JsonNode otherInstallation = http.get(path, as(VERCEL.adminToken("icfg_other"))).expect(403).conformsTo(PGBEAM).json();
        assertEquals("forbidden", otherInstallation.get("error").get("code").asText());
        String viewer = VERCEL.token(VERCEL.claims(installationId, "USER").build());
        http.get(path, as(viewer)).expect(200);
        http.patch(path, "{\"billingPlanId\":\"pro\"}", as(viewer)).expect(403).conformsTo(PGBEAM);
        assertEquals("starter", organizationPlan().get("plan").asText(), "the read-only role changed nothing");

        http.put(path, "{\"scopes\":[]}", as(VERCEL.adminToken(installationId))).expect(400).conformsTo(PGBEAM);
    }
}
