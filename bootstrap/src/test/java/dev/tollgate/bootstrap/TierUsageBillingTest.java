package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
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
        ProxyTraffic.priceProQueries(http, "0.01", OPERATOR);
        ProxyTraffic.ProOrganization organization = ProxyTraffic.proOrganization(http, PASSWORD, OPERATOR);
        String orgId = organization.orgId();
        String projectId = organization.projectId();
        String[] auth = organization.auth();
        JsonNode pro = http.get("/api/v1/customers/" + orgId + "/subscriptions?orderBy=activeFrom&order=ASC", OPERATOR).expect(200)
                .conformsTo(OPENMETER).json().get("items").get(1);
        assertEquals(2, pro.get("plan").get("version").asInt(), pro.toString());

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
