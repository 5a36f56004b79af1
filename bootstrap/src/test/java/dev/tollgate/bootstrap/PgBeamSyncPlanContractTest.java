package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's SyncPlan keeps the subscription status it is told (GetOrganizationPlan shows it) and leaves an organization
 * on custom enterprise pricing alone, answering {@code skipped_custom_pricing}.
 */
@MicronautTest(transactional = false)
class PgBeamSyncPlanContractTest extends HttpTest {
    static final String SECRET = "sync-plan-secret";
    String[] auth;
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
                {"email":"owner-%s@example.com","password":"correct horse battery","organization_name":"Sync Inc"}
                """.formatted(UUID.randomUUID())).expect(201).json();
        auth = new String[] {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        orgId = signedUp.get("organization").get("id").asText();
    }

    private JsonNode sync(String plan, String status) {
        return http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"%s","status":"%s","stripe_customer_id":"cus_123","stripe_subscription_id":"sub_456"}"""
                .formatted(orgId, plan, status), "X-Internal-Secret", SECRET).expect(200).conformsTo(PGBEAM).json();
    }

    private JsonNode plan() {
        return http.get("/v1/organizations/" + orgId + "/plan", auth).expect(200).conformsTo(PGBEAM).json();
    }

    @Test
    void theSubscriptionStatusIsKeptAndShown() {
        assertEquals("none", plan().get("subscription_status").asText(), "no subscription reported yet");

        assertEquals("synced", sync("pro", "trialing").get("status").asText());
        JsonNode trialing = plan();
        assertEquals("pro", trialing.get("plan").asText());
        assertEquals("trialing", trialing.get("subscription_status").asText());
        assertEquals("stripe", trialing.get("billing_provider").asText());
        assertFalse(trialing.get("custom_pricing").asBoolean());

        assertEquals("synced", sync("pro", "past_due").get("status").asText());
        assertEquals("past_due", plan().get("subscription_status").asText());

        assertEquals("synced", sync("pro", "canceled").get("status").asText());
        JsonNode canceled = plan();
        assertEquals("starter", canceled.get("plan").asText(), "an ended subscription falls back to starter");
        assertEquals("canceled", canceled.get("subscription_status").asText());
    }

    @Test
    void anOrganizationOnCustomPricingIsSkipped() {
        sync("pro", "active");
        JsonNode enterprise = http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"manual","max_projects":40}""".formatted(orgId), "X-Internal-Secret", SECRET)
                .expect(200).conformsTo(PGBEAM).json();
        assertEquals("enterprise", enterprise.get("plan").asText());
        assertTrue(enterprise.get("custom_pricing").asBoolean());
        assertEquals("manual", enterprise.get("billing_provider").asText());

        assertEquals("skipped_custom_pricing", sync("scale", "active").get("status").asText());
        assertEquals("skipped_custom_pricing", sync("pro", "canceled").get("status").asText(), "not even an ended subscription");
        JsonNode unchanged = plan();
        assertEquals("enterprise", unchanged.get("plan").asText());
        assertEquals(40, unchanged.get("limits").get("max_projects").asInt());
        assertTrue(unchanged.get("custom_pricing").asBoolean());
        assertEquals("manual", unchanged.get("billing_provider").asText());
        assertEquals("active", unchanged.get("subscription_status").asText(), "the skipped report changed nothing");

        // enterprise without limits of its own is still custom pricing
        http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"stripe"}""".formatted(orgId), "X-Internal-Secret", SECRET).expect(200).conformsTo(PGBEAM);
        assertEquals("skipped_custom_pricing", sync("pro", "active").get("status").asText());
        assertEquals("enterprise", plan().get("plan").asText());
    }
}
