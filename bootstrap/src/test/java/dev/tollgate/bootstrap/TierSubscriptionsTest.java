package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.billing.application.port.in.SyncSubscriptionEntitlementsUseCase;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tollgate's own tiers are subscriptions of the organizations' system-namespace customers (ADR 0034): every new
 * organization is subscribed to starter, SyncPlan changes the subscription (an upgrade now, a downgrade at the end of
 * the billing period), the limits come from the entitlements the subscription materialises, and queries through the
 * proxy end up on the organization's invoice at the tier plan's price.
 */
@MicronautTest(transactional = false)
class TierSubscriptionsTest extends HttpTest {
    static final String SECRET = "tier-subscriptions-secret";
    static final String PASSWORD = "tier-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    SyncSubscriptionEntitlementsUseCase entitlementSync;
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;
    String[] auth;
    String orgId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
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

    @Test
    void queriesThroughTheProxyAreBilledOnTheOrganizationsInvoiceAtTheTierPrice() throws Exception {
        // The operator reprices pro: a new version without the trial, every query at a cent (no allowance), so a
        // handful of queries makes a visible amount.
        JsonNode draft = http.post("/api/v1/plans/pro/next", "", OPERATOR).expect(201).conformsTo(OPENMETER).json();
        ObjectNode update = JSON.createObjectNode();
        update.put("name", draft.get("name").asText());
        update.put("billingCadence", draft.get("billingCadence").asText());
        ArrayNode phases = update.putArray("phases");
        ObjectNode main = (ObjectNode) draft.get("phases").get(draft.get("phases").size() - 1).deepCopy();
        for (JsonNode card : main.get("rateCards")) {
            if (card.get("key").asText().equals("queries")) {
                ((ObjectNode) card).set("price", JSON.readTree("{\"type\":\"unit\",\"amount\":\"0.01\"}"));
                ((ObjectNode) card).remove("discounts");
            }
        }
        phases.add(main);
        http.put("/api/v1/plans/" + draft.get("id").asText(), update.toString(), OPERATOR).expect(200).conformsTo(OPENMETER);
        http.post("/api/v1/plans/" + draft.get("id").asText() + "/publish", "", OPERATOR).expect(200).conformsTo(OPENMETER);

        String projectId = http.post("/v1/projects", """
                {"name":"billed","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD), auth)
                .expect(201).json().get("project").get("id").asText();
        sync("pro", "active");
        JsonNode pro = subscriptions().get(1);
        assertEquals(2, pro.get("plan").get("version").asInt(), pro.toString());
        Instant start = Instant.parse(pro.get("activeFrom").asText());
        while (!Instant.now().isAfter(start.plusMillis(1100))) {
            Thread.sleep(100); // usage counts from the subscription's start, to the second
        }

        Properties login = new Properties();
        login.setProperty("user", "postgres." + projectId);
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 37; i++) {
                s.execute("SELECT " + i);
            }
        }
        assertTrue(reporter.flush());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long queries = 0;
        for (JsonNode row : http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today, auth).expect(200)
                .json().get("usage")) {
            queries += row.get("queries_total").asLong();
        }
        assertTrue(queries >= 37, "the proxy metered the queries (and the driver's own): " + queries);
        Thread.sleep(1100); // progressive billing bills whole seconds up to now

        String customerId = http.get("/api/v1/customers/" + orgId, OPERATOR).expect(200).json().get("id").asText();
        JsonNode invoices = http.post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", OPERATOR).expect(201)
                .conformsTo(OPENMETER).json();
        assertEquals(1, invoices.size(), invoices.toString());
        JsonNode invoice = invoices.get(0);
        JsonNode queriesLine = null;
        for (JsonNode line : invoice.get("lines")) {
            if (line.get("name").asText().equals("Queries")) {
                queriesLine = line;
            }
        }
        assertNotNull(queriesLine, invoice.toString());
        assertEquals(new BigDecimal(queries), new BigDecimal(queriesLine.get("quantity").asText()), queriesLine.toString());
        BigDecimal amount = new BigDecimal("0.01").multiply(BigDecimal.valueOf(queries)).setScale(2);
        assertEquals(amount.toPlainString(), queriesLine.get("totals").get("total").asText(), "every query at a cent: " + queriesLine);
        assertEquals(amount.add(new BigDecimal("29.00")).toPlainString(), invoice.get("totals").get("total").asText(),
                "the month's $29 platform fee in advance, and the queries so far: " + invoice);
    }
}
