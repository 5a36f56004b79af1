package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.EvaluateSpendCapsUseCase;
import dev.tollgate.entitlements.api.events.SpendThresholdReached;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's spend limit (ADR 0041): UpdateSpendLimit against its document, and end to end — a pro organization with a
 * small cap queries through the proxy, the billing engine's pricing of its period reaches the cap, the next query is
 * refused with 53400, and raising the cap lets queries through again.
 */
@MicronautTest(transactional = false)
class SpendCapsTest extends HttpTest {
    static final String SECRET = "spend-caps-secret";
    static final String PASSWORD = "spend-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;
    @Inject
    EvaluateSpendCapsUseCase caps;
    @Inject
    RecordingSpendConsumer alerts;
    @Inject
    javax.sql.DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
        properties.put("tollgate.billing.spend-cap-interval", "1h"); // and evaluates by hand
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    private JsonNode putLimit(String orgId, String body, String... auth) {
        return http.put("/v1/organizations/" + orgId + "/spend-limit", body, auth).expect(200).conformsTo(PGBEAM).json();
    }

    @Test
    void theSpendLimitIsSetShownAndRemoved() {
        Accounts.Account owner = Accounts.signUp(http, "Spender");
        String[] auth = owner.auth();
        JsonNode plan = http.get("/v1/organizations/" + owner.orgId() + "/plan", auth).expect(200).conformsTo(PGBEAM).json();
        assertTrue(plan.path("spend_limit").isMissingNode() || plan.get("spend_limit").isNull(), plan.toString());

        assertEquals(500.0, putLimit(owner.orgId(), "{\"spend_limit\":500}", auth).get("spend_limit").asDouble());
        assertEquals(12.5, putLimit(owner.orgId(), "{\"spend_limit\":12.5}", auth).get("spend_limit").asDouble());
        assertEquals(12.5, http.get("/v1/organizations/" + owner.orgSlug() + "/plan", auth).expect(200).conformsTo(PGBEAM).json()
                .get("spend_limit").asDouble(), "GetOrganizationPlan shows it, by slug as well");
        assertEquals(0.0, putLimit(owner.orgId(), "{\"spend_limit\":0}", auth).get("spend_limit").asDouble());
        JsonNode removed = putLimit(owner.orgId(), "{\"spend_limit\":null}", auth);
        assertTrue(removed.path("spend_limit").isMissingNode() || removed.get("spend_limit").isNull(), removed.toString());
    }

    @Test
    void badInputIsRefusedInPgBeamsShape() {
        Accounts.Account owner = Accounts.signUp(http, "Spender");
        for (String body : List.of("{\"spend_limit\":-1}", "{\"spend_limit\":1e300}", "{\"spend_limit\":\"ten\"}", "{\"spend_limit\":true}", "{\"spend_limit\":[1]}",
                "{\"spend_limit\":{\"a\":1}}", "{\"spend_limit\":\"NaN\"}", "{}", "{\"spendLimit\":5}", "[]", "\"x\"", "{", "")) {
            http.put("/v1/organizations/" + owner.orgId() + "/spend-limit", body, owner.auth()).expect(400).conformsTo(PGBEAM);
        }
        http.put("/v1/organizations/" + owner.orgId() + "/spend-limit", "{\"spend_limit\":5}").expect(401).conformsTo(PGBEAM);
        http.put("/v1/organizations/org_nope/spend-limit", "{\"spend_limit\":5}", owner.auth()).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void aMemberMayReadTheLimitButNotRaiseIt() {
        Accounts.Account owner = Accounts.signUp(http, "Team");
        String orgId = owner.orgId();
        http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"pro","status":"active"}""".formatted(orgId), OPERATOR).expect(200); // pro: seats for a member
        putLimit(orgId, "{\"spend_limit\":10}", owner.auth());
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        assertEquals(10.0, http.get("/v1/organizations/" + orgId + "/plan", member.auth()).expect(200).conformsTo(PGBEAM).json()
                .get("spend_limit").asDouble());
        http.put("/v1/organizations/" + orgId + "/spend-limit", "{\"spend_limit\":null}", member.auth()).expect(403).conformsTo(PGBEAM);
        assertEquals(10.0, http.get("/v1/organizations/" + orgId + "/plan", owner.auth()).expect(200).json().get("spend_limit")
                .asDouble(), "the member's attempt changed nothing");
    }

    @Test
    void cancellationFeedbackIsKeptAsGiven() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Leaving");
        String path = "/v1/organizations/" + owner.orgId() + "/cancellation-feedback";
        http.post(path, "{\"reason\":\"too-expensive\",\"feedback\":\"The scale tier is more than we need.\"}", owner.auth()).expect(204)
                .conformsTo(PGBEAM);
        http.post(path, "{}", owner.auth()).expect(204).conformsTo(PGBEAM); // both fields are optional
        for (String bad : List.of("{\"reason\":5}", "{\"feedback\":[\"a\"]}", "{\"reason\":\"" + "x".repeat(201) + "\"}",
                "{\"feedback\":\"" + "x".repeat(10_001) + "\"}", "[]", "{")) {
            http.post(path, bad, owner.auth()).expect(400).conformsTo(PGBEAM);
        }
        http.post(path, "{}").expect(401).conformsTo(PGBEAM);
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); var q = c.prepareStatement("""
                SELECT reason, feedback FROM entitlements.cancellation_feedback f
                WHERE f.organization_id = (SELECT id FROM tenancy.organizations WHERE public_id = ?) ORDER BY created_at""")) {
            q.setString(1, owner.orgId());
            try (var rows = q.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("too-expensive", rows.getString(1));
                assertEquals("The scale tier is more than we need.", rows.getString(2));
                assertTrue(rows.next());
                assertEquals(null, rows.getString(1));
                assertTrue(!rows.next(), "refused feedback is not kept");
            }
        }
    }

    @Test
    void chargesReachingTheCapRefuseQueriesUntilTheCapIsRaised() throws Exception {
        ProxyTraffic.priceProQueries(http, "0.01", OPERATOR);
        ProxyTraffic.ProOrganization organization = ProxyTraffic.proOrganization(http, PASSWORD, OPERATOR);
        String orgId = organization.orgId();
        putLimit(orgId, "{\"spend_limit\":0.2}", organization.auth());

        ProxyTraffic.selects(proxy.port(), organization.projectId(), PASSWORD, 25); // 25 cents and more
        assertTrue(reporter.flush());
        caps.evaluate(orgId);
        SQLException refused = awaitRefusal(organization.projectId());
        assertEquals("53400", refused.getSQLState());
        assertTrue(refused.getMessage().contains("spend limit reached"), refused.getMessage());

        JsonNode raised = putLimit(orgId, "{\"spend_limit\":100}", organization.auth());
        assertEquals(100.0, raised.get("spend_limit").asDouble());
        awaitPassing(organization.projectId());
        caps.evaluate(orgId); // the charges stay where they were: far below the new cap
        awaitPassing(organization.projectId());

        putLimit(orgId, "{\"spend_limit\":0.1}", organization.auth()); // lowered below the charges priced: refused at once
        assertEquals("53400", awaitRefusal(organization.projectId()).getSQLState());
        putLimit(orgId, "{\"spend_limit\":null}", organization.auth()); // removed: lifted at once
        awaitPassing(organization.projectId());

        long deadline = System.currentTimeMillis() + 10_000;
        while (alerts.received.stream().noneMatch(a -> a.organizationPublicId().equals(orgId) && a.percent() == 100)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        List<Integer> percents = alerts.received.stream().filter(a -> a.organizationPublicId().equals(orgId))
                .map(SpendThresholdReached::percent).toList();
        assertEquals(100, percents.get(percents.size() - 1), "the 100 % warning was published: " + percents);
        SpendThresholdReached full = alerts.received.stream().filter(a -> a.organizationPublicId().equals(orgId) && a.percent() == 100)
                .findFirst().orElseThrow();
        assertNotNull(full.periodEnd());
        assertTrue(full.charges().compareTo(new java.math.BigDecimal("0.2")) >= 0, full.toString());
    }

    /** The limit change reaches the proxy through the outbox: within the relay's poll on another node, at once here. */
    SQLException awaitRefusal(String projectId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, 1);
            } catch (SQLException e) {
                return e;
            }
            Thread.sleep(200);
        }
        return fail("no query was refused; the caps as stored: " + capRow() + "; gathering: "
                + http.get("/api/v1/billing/invoices?statuses=gathering&expand=lines", OPERATOR).body());
    }

    private String capRow() {
        StringBuilder rows = new StringBuilder();
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var q = c.createStatement(); var r = q.executeQuery("SELECT * FROM entitlements.spend_caps")) {
            while (r.next()) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    rows.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                }
                rows.append('\n');
            }
        } catch (SQLException e) {
            rows.append(e);
        }
        return rows.toString();
    }

    void awaitPassing(String projectId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, 3);
                return;
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        fail("queries stayed refused", last);
    }
}
