package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Centrali's usage of a workspace (ADR 0038): what the proxy metered for its organization in the system namespace,
 * over the billing periods of its tier subscription, by period or as a history.
 */
@MicronautTest(transactional = false)
class CentraliUsageContractTest extends HttpTest {
    static final String SECRET = "centrali-usage-secret";
    static final String PASSWORD = "usage-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "pro"); // seats for a member
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    private JsonNode usage(Accounts.Account a, String path) {
        return http.get("/workspace/api/v1/" + a.orgSlug() + "/usage/" + path, a.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    @Test
    void queriesThroughTheProxyShowInTheCurrentBillingPeriod() throws Exception {
        Accounts.Account owner = Accounts.signUp(http, "Usage");
        String workspaceId = http.get("/workspace/api/v1/" + owner.orgSlug(), owner.auth()).expect(200).json().get("id").asText();
        JsonNode tier = http.get("/api/v1/customers/" + owner.orgId() + "/subscriptions", OPERATOR).expect(200).conformsTo(OPENMETER).json()
                .get("items").get(0);
        Instant anchor = Instant.parse(tier.get("billingAnchor").asText());

        JsonNode before = usage(owner, "current");
        assertEquals(workspaceId, before.get("workspace_id").asText());
        assertEquals(anchor, Instant.parse(before.get("period_start").asText()), "a new organization's first period starts at its anchor");
        assertEquals(ZonedDateTime.ofInstant(anchor, ZoneOffset.UTC).plusMonths(1).toInstant(), Instant.parse(before.get("period_end").asText()));
        assertEquals(YearMonth.from(anchor.atZone(ZoneOffset.UTC)).toString(), before.get("billing_period").asText());
        assertEquals(0, before.get("api_calls").asLong());
        assertTrue(before.has("storage_bytes") && before.get("storage_bytes").isNull(), "not measured by Tollgate: " + before);

        String projectId = http.post("/v1/projects", """
                {"name":"metered","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(owner.orgId(), UpstreamPostgres.get().getPort(), PASSWORD), owner.auth())
                .expect(201).json().get("project").get("id").asText();
        ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, 25);
        assertTrue(reporter.flush());
        long queries = ProxyTraffic.today(http, projectId, "queries_total", owner.auth());
        long bytes = ProxyTraffic.today(http, projectId, "bytes_transferred", owner.auth());
        assertTrue(queries >= 25, "the proxy metered the queries (and the driver's own): " + queries);

        JsonNode current = usage(owner, "current");
        assertEquals(queries, current.get("api_calls").asLong(), current.toString());
        assertEquals(queries, current.get("queries").asLong());
        assertEquals(bytes, current.get("bytes_to_client").asLong(), current.toString());
        assertTrue(current.get("bytes_to_client").asLong() > 0, current.toString());
        assertEquals(before.get("period_start"), current.get("period_start"));

        // The billing period beginning this month is the current one; a history of today, by day, week or month, too.
        JsonNode period = usage(owner, before.get("billing_period").asText());
        assertEquals(current.get("period_start"), period.get("period_start"));
        assertEquals(queries, period.get("api_calls").asLong());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String granularity : new String[] {"day", "week", "month"}) {
            JsonNode history = usage(owner, "historical?startDate=" + today + "&endDate=" + today + "&granularity=" + granularity);
            assertEquals(1, history.size(), history.toString());
            assertEquals(queries, history.get(0).get("api_calls").asLong(), granularity + ": " + history);
            assertEquals(LocalDate.parse(today).atStartOfDay(ZoneOffset.UTC).toInstant(), Instant.parse(history.get(0).get("period_start").asText()));
            assertEquals(workspaceId, history.get(0).get("workspace_id").asText());
        }
        // Without dates: the last 30 days by day, today last, days without usage at zero.
        JsonNode month = usage(owner, "historical");
        assertEquals(30, month.size());
        assertEquals(queries, month.get(29).get("api_calls").asLong());
        assertEquals(0, month.get(0).get("api_calls").asLong());
        // Weeks start on Monday: a fortnight from a Monday is two windows.
        LocalDate monday = LocalDate.of(2026, 11, 2);
        JsonNode weeks = usage(owner, "historical?startDate=" + monday + "&endDate=" + monday.plusDays(13) + "&granularity=week");
        assertEquals(2, weeks.size(), weeks.toString());
        assertEquals(monday.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(), Instant.parse(weeks.get(1).get("period_start").asText()));

        // Another workspace sees none of it, in its own usage or in this one's.
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        assertEquals(0, usage(stranger, "current").get("api_calls").asLong());
        for (String path : new String[] {"current", "historical", before.get("billing_period").asText()}) {
            JsonNode forbidden = http.get("/workspace/api/v1/" + owner.orgSlug() + "/usage/" + path, stranger.auth()).expect(403)
                    .conformsTo(CENTRALI).json();
            assertEquals(403, forbidden.get("status").asInt());
            assertFalse(forbidden.toString().contains("api_calls"), forbidden.toString());
        }
    }

    @Test
    void usageRefusesBadInputAndAnswersForMissingPeriodsAndCallers() {
        Accounts.Account owner = Accounts.signUp(http, "Careful");
        String base = "/workspace/api/v1/" + owner.orgSlug() + "/usage/";
        for (String bad : new String[] {"historical?granularity=hour", "historical?startDate=2026-02-30", "historical?endDate=yesterday",
                "historical?startDate=2026-03-02&endDate=2026-03-01", "historical?startDate=2024-01-01&endDate=2026-01-01",
                "2026-1", "2026-13", "january", "2026-01-01"}) {
            JsonNode refused = http.get(base + bad, owner.auth()).expect(400).conformsTo(CENTRALI).json();
            assertEquals(400, refused.get("status").asInt(), bad);
            assertTrue(refused.has("error") && refused.has("message") && refused.has("timestamp") && refused.has("path"), refused.toString());
        }
        // No billing period begins in a month before the workspace existed, nor in one to come.
        http.get(base + "2020-01", owner.auth()).expect(404).conformsTo(CENTRALI);
        http.get(base + YearMonth.now(ZoneOffset.UTC).plusMonths(2), owner.auth()).expect(404).conformsTo(CENTRALI);
        // Without credentials, or for a workspace that does not exist.
        for (String path : new String[] {"current", "historical", "2026-01"}) {
            http.get(base + path).expect(401).conformsTo(CENTRALI);
            http.get("/workspace/api/v1/no-such-workspace/usage/" + path, owner.auth()).expect(404).conformsTo(CENTRALI);
        }
        // A plain member may read the usage.
        Accounts.Account member = Accounts.signUp(http, "Member");
        Accounts.join(http, owner, member, "member");
        assertEquals(0, http.get(base + "current", member.auth()).expect(200).conformsTo(CENTRALI).json().get("api_calls").asLong());
    }
}
