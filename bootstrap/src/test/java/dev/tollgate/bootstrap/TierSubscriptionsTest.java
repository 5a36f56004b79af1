package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.SyncSubscriptionEntitlementsUseCase;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tollgate's own tiers are subscriptions of the organizations' system-namespace customers (ADR 0034): every new
 * organization is subscribed to starter, SyncPlan changes the subscription (an upgrade now, a downgrade at the end of
 * the billing period), and the limits come from the entitlements the subscription materialises
 * ({@link TierUsageBillingTest}: the proxy's usage on the organization's invoice).
 */
@MicronautTest(transactional = false)
class TierSubscriptionsTest extends HttpTest {
    static final String SECRET = "tier-subscriptions-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    @Inject
    SyncSubscriptionEntitlementsUseCase entitlementSync;
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
                {"email":"tiers-%s@example.com","password":"correct horse battery","organization_name":"Tiers Inc"}
                """.formatted(UUID.randomUUID())).expect(201).json();
        auth = new String[] {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        orgId = signedUp.get("organization").get("id").asText();
    }

    private void sync(String plan, String status) {
        http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"%s","status":"%s","stripe_customer_id":"cus_1","stripe_subscription_id":"sub_1"}"""
                .formatted(orgId, plan, status), OPERATOR).expect(200).conformsTo(PGBEAM);
    }

    private JsonNode plan() {
        return http.get("/v1/organizations/" + orgId + "/plan", auth).expect(200).conformsTo(PGBEAM).json();
    }

    /** The organization's subscriptions in the system namespace, as the operator sees them, oldest first. */
    private JsonNode subscriptions() {
        return http.get("/api/v1/customers/" + orgId + "/subscriptions?orderBy=activeFrom&order=ASC", OPERATOR).expect(200)
                .conformsTo(OPENMETER).json().get("items");
    }

    private JsonNode entitlement(String feature) {
        return http.get("/api/v2/customers/" + orgId + "/entitlements/" + feature, OPERATOR).expect(200).json();
    }

    @Test
    void aNewOrganizationIsSubscribedToStarterAndItsLimitsComeFromThatSubscription() {
        JsonNode subscriptions = subscriptions();
        assertEquals(1, subscriptions.size(), subscriptions.toString());
        JsonNode starter = subscriptions.get(0);
        assertEquals("active", starter.get("status").asText());
        assertEquals("starter", starter.get("plan").get("key").asText());
        assertEquals("starter", starter.get("metadata").get("tollgate.tier").asText());
        assertEquals("starter", plan().get("plan").asText());
        JsonNode projects = entitlement("max_projects");
        assertEquals(starter.get("id").asText(), projects.get("annotations").get("subscription.id").asText(),
                "the tier's entitlements are the subscription's: " + projects);
    }

    @Test
    void anUpgradeChangesTheSubscriptionNowAndADowngradeWaitsForThePeriodEnd() {
        sync("scale", "active");
        JsonNode afterUpgrade = subscriptions();
        assertEquals(2, afterUpgrade.size(), afterUpgrade.toString());
        assertEquals("inactive", afterUpgrade.get(0).get("status").asText(), "starter ended at the upgrade");
        JsonNode scale = afterUpgrade.get(1);
        assertEquals("scale", scale.get("plan").get("key").asText());
        assertEquals("active", scale.get("status").asText());
        assertEquals("scale", plan().get("plan").asText());
        assertEquals(20, plan().get("limits").get("max_projects").asInt(), plan().toString());
        assertEquals(scale.get("id").asText(), entitlement("max_projects").get("annotations").get("subscription.id").asText());

        sync("pro", "active");
        JsonNode afterDowngrade = subscriptions();
        assertEquals(3, afterDowngrade.size(), afterDowngrade.toString());
        assertEquals("canceled", afterDowngrade.get(1).get("status").asText(), "scale runs to its period's end");
        JsonNode pro = afterDowngrade.get(2);
        assertEquals("scheduled", pro.get("status").asText());
        assertEquals(afterDowngrade.get(1).get("activeTo"), pro.get("activeFrom"), "pro starts where scale stops");
        assertEquals("scale", plan().get("plan").asText(), "the paid tier's limits stay until then");
        Instant boundary = Instant.parse(pro.get("activeFrom").asText());
        assertTrue(boundary.isAfter(Instant.now()), boundary.toString());

        assertTrue(entitlementSync.syncDue(boundary.plusSeconds(1), 100) >= 2, "both subscriptions were due at the boundary");
        assertEquals("pro", entitlement("max_projects").get("annotations").get("tollgate.tier").asText());
        assertEquals(pro.get("id").asText(), entitlement("max_projects").get("annotations").get("subscription.id").asText());

        // Asking for the tier it is on again drops nothing; a canceled Stripe subscription falls back to starter at once.
        sync("scale", "active");
        sync("scale", "canceled");
        JsonNode last = subscriptions();
        assertEquals("starter", last.get(last.size() - 1).get("plan").get("key").asText(), last.toString());
        assertEquals("active", last.get(last.size() - 1).get("status").asText());
        assertEquals("starter", plan().get("plan").asText());
    }

    @Test
    void theTrialIsForTheFirstPaidTierAndAnUpgradeFromAPaidTierBillsTheRestOfThePeriodNow() {
        sync("pro", "active");
        JsonNode pro = http.get("/api/v1/subscriptions/" + subscriptions().get(1).get("id").asText(), OPERATOR).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals("trial", pro.get("phases").get(0).get("key").asText(), "the first paid tier starts with its trial");

        sync("scale", "active");
        JsonNode scale = http.get("/api/v1/subscriptions/" + subscriptions().get(2).get("id").asText(), OPERATOR).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals("scale", scale.get("plan").get("key").asText());
        assertEquals("main", scale.get("phases").get(0).get("key").asText(), "an organization that has paid before gets no second trial");
        String customerId = http.get("/api/v1/customers/" + orgId, OPERATOR).expect(200).json().get("id").asText();
        JsonNode gathering = http.get("/api/v1/billing/invoices?statuses=gathering&expand=lines&customers=" + customerId, OPERATOR).expect(200)
                .conformsTo(OPENMETER).json().get("items").get(0);
        JsonNode fee = null;
        for (JsonNode line : gathering.get("lines")) {
            if (line.get("name").asText().equals("Platform fee")) {
                fee = line;
            }
        }
        assertNotNull(fee, gathering.toString());
        assertEquals(Instant.parse(scale.get("activeFrom").asText()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Instant.parse(fee.get("period").get("from").asText()), "the fee runs from the upgrade (lines count whole seconds): " + fee);
        assertEquals(pro.get("billingAnchor"), scale.get("billingAnchor"), "the billing anchor is kept, so the period is cut short");
        BigDecimal charged = new BigDecimal(fee.get("totals").get("total").asText());
        assertTrue(charged.signum() > 0 && charged.compareTo(new BigDecimal("99.00")) <= 0, "the rest of the period of $99: " + fee);
    }

    @Test
    void anOrganizationCannotReachItsOwnTierSubscription() {
        String subscription = subscriptions().get(0).get("id").asText();
        // Its own credentials name its own namespace, where neither its tier customer nor the subscription exists.
        http.get("/api/v1/customers/" + orgId + "/subscriptions", auth).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/subscriptions/" + subscription, auth).expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/subscriptions/" + subscription + "/change", "{\"timing\":\"immediate\",\"plan\":{\"key\":\"scale\"}}", auth)
                .expect(404).conformsTo(OPENMETER);
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"" + orgId + "\",\"plan\":\"scale\",\"status\":\"active\"}", auth)
                .expect(401).conformsTo(PGBEAM);
        assertEquals("starter", plan().get("plan").asText());
    }

    @Test
    void enterpriseLimitsAreKeptOnTheSubscriptionAndMaterialisedFromIt() {
        JsonNode enterprise = http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"manual","max_projects":40,"queries_per_day":0}""".formatted(orgId), OPERATOR)
                .expect(200).conformsTo(PGBEAM).json();
        assertEquals("enterprise", enterprise.get("plan").asText());
        assertEquals(40, enterprise.get("limits").get("max_projects").asInt(), enterprise.toString());
        JsonNode subscription = subscriptions().get(1);
        assertEquals("enterprise", subscription.get("plan").get("key").asText());
        assertEquals("40", subscription.get("metadata").get("tollgate.limit.max_projects").asText(), subscription.toString());
        assertEquals("{\"value\":40}", entitlement("max_projects").get("config").asText());
    }
}
