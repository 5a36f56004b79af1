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
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End to end (issue 15): queries through the proxy are metered, the organization's tier subscription bills them, and
 * its invoice carries a line with the exact amount at the tier plan's price. The operator reprices pro in this test's
 * own database, so it lives apart from {@link TierSubscriptionsTest}.
 */
@MicronautTest(transactional = false)
class TierUsageBillingTest extends HttpTest {
    static final String SECRET = "tier-usage-secret";
    static final String PASSWORD = "tier-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
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

        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"usage-%s@example.com","password":"correct horse battery","organization_name":"Usage Inc"}
                """.formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String orgId = signedUp.get("organization").get("id").asText();
        String projectId = http.post("/v1/projects", """
                {"name":"billed","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD), auth)
                .expect(201).json().get("project").get("id").asText();
        http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"pro","status":"active","stripe_customer_id":"cus_1","stripe_subscription_id":"sub_1"}"""
                .formatted(orgId), OPERATOR).expect(200).conformsTo(PGBEAM);
        JsonNode pro = http.get("/api/v1/customers/" + orgId + "/subscriptions?orderBy=activeFrom&order=ASC", OPERATOR).expect(200)
                .conformsTo(OPENMETER).json().get("items").get(1);
        assertEquals(2, pro.get("plan").get("version").asInt(), pro.toString());
        Instant start = Instant.parse(pro.get("activeFrom").asText());
        while (!Instant.now().isAfter(start.plusMillis(1100))) {
            Thread.sleep(100); // usage counts from the subscription's start, to the second
        }

        ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, 37);
        assertTrue(reporter.flush());
        long queries = ProxyTraffic.today(http, projectId, "queries_total", auth);
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
