package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.entitlements.application.port.in.ReportMarketplaceUsageUseCase;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A marketplace organization's proxy usage reaches the vendor's metering call hour by hour, each completed hour once:
 * the job is called directly on a clock the test moves, and the fake vendor records what it was sent.
 */
@MicronautTest(transactional = false)
class MarketplaceUsageReportingTest extends HttpTest {
    static final FakeVercel VERCEL = new FakeVercel();
    static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    MutableClock clock;
    @Inject
    ReportMarketplaceUsageUseCase usage;
    @Inject
    MeteringApi metering;
    @Inject
    AccountsApi accounts;
    @Inject
    javax.sql.DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(VERCEL.properties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @AfterAll
    void stopVercel() {
        VERCEL.close();
    }

    /** A token valid at the test clock's time, which is not the wall clock's. */
    private String[] adminAt(String installationId, Instant at) {
        return new String[] {"Authorization", "Bearer " + VERCEL.token(VERCEL.claims(installationId, "ADMIN").issueTime(Date.from(at))
                .expirationTime(Date.from(at.plusSeconds(300))).build())};
    }

    private String storedAccessToken(String installationId) throws java.sql.SQLException {
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var q = c.prepareStatement("SELECT access_token_sealed FROM entitlements.marketplace_accounts WHERE external_id = ?")) {
            q.setString(1, installationId);
            try (var rows = q.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    @Test
    void eachCompletedHourIsReportedToVercelOnce() throws Exception {
        Instant installedAt = Instant.parse("2030-03-10T10:20:00Z");
        clock.set(installedAt);
        String installationId = "icfg_" + UUID.randomUUID().toString().replace("-", "");
        String email = "usage-" + UUID.randomUUID() + "@example.com";
        http.put("/v1/installations/" + installationId, """
                {"scopes":[],"acceptedPolicies":{},"credentials":{"access_token":"vercel-access-token-1","token_type":"Bearer"},
                 "account":{"name":"Metered","url":"https://vercel.com/metered","contact":{"email":"%s"}}}""".formatted(email),
                adminAt(installationId, installedAt)).expect(200);
        String organization = accounts.currentWorkspaceOf(email).orElseThrow().publicId();
        assertFalse(storedAccessToken(installationId).contains("vercel-access-token-1"), "the access token is sealed at rest");
        metering.ingest(TenancyApi.SYSTEM_NAMESPACE, List.of(new MeteringApi.Event(UUID.randomUUID().toString(), "test", "tollgate.proxy.usage",
                organization, Instant.parse("2030-03-10T10:25:00Z"),
                "{\"queries\":120,\"bytes_to_client\":5000,\"project_id\":\"prj_x\",\"database_id\":\"db_x\",\"region\":\"local\"}")));

        clock.set(Instant.parse("2030-03-10T12:05:00Z"));
        VERCEL.failNextBillingCalls(1);
        assertEquals(0, usage.reportDue(), "Vercel refused 10:00; 11:00 waits behind it");
        assertEquals(0, VERCEL.billingCalls().size());
        assertEquals(2, usage.reportDue(), "10:00 and 11:00 are complete and now sent; 12:00 is under way");
        List<FakeVercel.Call> calls = VERCEL.billingCalls();
        assertEquals(2, calls.size());
        FakeVercel.Call first = calls.get(0);
        assertEquals(installationId, first.installationId());
        assertEquals("Bearer vercel-access-token-1", first.authorization(), "sent with the installation's own access token");
        JsonNode body = JSON.readTree(first.body());
        JsonNode queries = body.get("usage").get(0);
        assertEquals("Queries", queries.get("name").asText());
        assertEquals(120, queries.get("dayValue").asLong());
        assertEquals(120, queries.get("periodValue").asLong());
        assertEquals(5000, body.get("usage").get(1).get("dayValue").asLong());
        assertEquals("2030-03-01T00:00:00Z", body.get("period").get("start").asText());
        assertTrue(body.get("eod").asText().startsWith("2030-03-10T23:59:59"));

        assertEquals(0, usage.reportDue(), "a rerun sends nothing twice");
        assertEquals(2, VERCEL.billingCalls().size());

        clock.set(Instant.parse("2030-03-10T13:01:00Z"));
        assertEquals(1, usage.reportDue(), "only the newly completed hour");
        assertEquals(3, VERCEL.billingCalls().size());
    }
}
