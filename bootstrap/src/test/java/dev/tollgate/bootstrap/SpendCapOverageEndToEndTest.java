package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import dev.tollgate.billing.application.port.in.EvaluateSpendCapsUseCase;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.HttpTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Centrali's overage off, end to end (ADR 0041): usage beyond the plan's allowance is refused by the proxy with 53400,
 * and turning overage on again needs a payment method.
 */
@MicronautTest(transactional = false)
class SpendCapOverageEndToEndTest extends HttpTest {
    static final String PASSWORD = "spend-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SpendCapsTest.SECRET};
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;
    @Inject
    EvaluateSpendCapsUseCase caps;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SpendCapsTest.SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
        properties.put("tollgate.billing.spend-cap-interval", "1h"); // and evaluates by hand
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    private SQLException awaitRefusal(String projectId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, 1);
            } catch (SQLException e) {
                return e;
            }
            Thread.sleep(200);
        }
        return org.junit.jupiter.api.Assertions.fail("no query was refused");
    }

    @Test
    void overageOffRefusesUsageBeyondTheAllowanceUntilItIsOnAgain() throws Exception {
        ProxyTraffic.priceProQueries(http, "0.01", OPERATOR); // no allowance: every query is beyond it
        ProxyTraffic.ProOrganization organization = ProxyTraffic.proOrganization(http, PASSWORD, OPERATOR);
        http.patch("/workspace/api/v1/" + organization.slug() + "/overage", "{\"overageEnabled\":false}", organization.auth()).expect(200)
                .conformsTo(CENTRALI);
        ProxyTraffic.selects(proxy.port(), organization.projectId(), PASSWORD, 3);
        assertTrue(reporter.flush());
        caps.evaluate(organization.orgId());
        SQLException refused = awaitRefusal(organization.projectId());
        assertEquals("53400", refused.getSQLState());
        assertTrue(refused.getMessage().contains("overage disabled"), refused.getMessage());
        // turning it on again needs a payment method, which no app provides yet: 400, and the quota stays
        http.patch("/workspace/api/v1/" + organization.slug() + "/overage", "{\"overageEnabled\":true}", organization.auth()).expect(400)
                .conformsTo(CENTRALI);
        assertEquals("53400", awaitRefusal(organization.projectId()).getSQLState());
    }

}
