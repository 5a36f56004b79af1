package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.SyncSubscriptionLinesUseCase;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The invoice worker plans due subscriptions in batches, one transaction per batch (ADR 0068): across more subscriptions
 * than one batch holds, every subscription's next period is planned exactly once on its customer's gathering invoice;
 * planning again adds nothing; and a subscription that cannot be planned fails only itself: the rest of its batch is
 * planned one by one, and it stays due until it can be.
 */
@MicronautTest(transactional = false)
class SubscriptionLinePlanningBatchTest extends HttpTest {
    static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");
    static final Instant SECOND_PERIOD = Instant.parse("2031-02-01T00:00:00Z");
    static final int CUSTOMERS = 30; // more than one batch (25)
    @Inject
    MutableClock clock;
    @Inject
    SyncSubscriptionLinesUseCase lineSync;
    @Inject
    DataSource dataSource;
    String token;
    String email;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @Test
    void batchesPlanEveryPeriodOnceAndABrokenSubscriptionFailsOnlyItself() throws SQLException {
        clock.set(T0);
        email = "batch-" + UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        String plan = http.post("/api/v1/plans", """
                {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
                 "rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}},
                  {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                   "price":{"type":"unit","amount":"0.01"}}]}]}""", auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans/" + plan + "/publish", "", auth()).expect(200);
        Map<String, String> subscriptionOf = new HashMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String key = "c" + i;
            String customer = http.post("/api/v1/customers", "{\"name\":\"Customer " + i + "\",\"key\":\"" + key
                    + "\",\"usageAttribution\":{\"subjectKeys\":[\"" + key + "\"]}}", auth()).expect(201).json().get("id").asText();
            subscriptionOf.put(customer, http.post("/api/v1/subscriptions", "{\"customerKey\":\"" + key + "\",\"plan\":{\"key\":\"pro\"}}",
                    auth()).expect(201).json().get("id").asText());
        }
        at(T0.plusSeconds(3600));
        planAllDue();
        Map<String, List<JsonNode>> first = gatheringLines();
        assertEquals(CUSTOMERS, first.size(), "every customer has a gathering invoice");
        first.values().forEach(lines -> assertEquals(2, lines.size(), "the first period's fee and usage"));

        String broken = subscriptionOf.values().iterator().next();
        sql("UPDATE billing.subscriptions SET billing_cadence = 'not a duration' WHERE id = ?", broken);
        at(SECOND_PERIOD.plusSeconds(3600));
        planAllDue();
        Map<String, List<JsonNode>> second = gatheringLines();
        for (Map.Entry<String, List<JsonNode>> each : second.entrySet()) {
            boolean isBroken = subscriptionOf.get(each.getKey()).equals(broken);
            assertEquals(isBroken ? 2 : 4, each.getValue().size(), "customer " + each.getKey() + ": "
                    + (isBroken ? "not planned while it cannot be" : "both periods, each once"));
            assertDistinctLines(each.getValue());
        }
        assertTrue(stillDue(broken), "the subscription that could not be planned is still due");

        planAllDue(); // nothing is due again: nothing is added twice
        gatheringLines().forEach((customer, lines) -> assertEquals(subscriptionOf.get(customer).equals(broken) ? 2 : 4, lines.size()));

        sql("UPDATE billing.subscriptions SET billing_cadence = 'P1M' WHERE id = ?", broken);
        planAllDue();
        Map<String, List<JsonNode>> repaired = gatheringLines();
        repaired.values().forEach(lines -> {
            assertEquals(4, lines.size(), "once it can be planned, its period is planned like the others'");
            assertDistinctLines(lines);
        });
    }

    void planAllDue() {
        int planned;
        do {
            planned = lineSync.syncDue(clock.instant(), 100);
        } while (planned >= 100);
    }

    /** Each customer's gathering invoice lines, by customer id. */
    Map<String, List<JsonNode>> gatheringLines() {
        Map<String, List<JsonNode>> out = new HashMap<>();
        JsonNode page = http.get("/api/v1/billing/invoices?statuses=gathering&expand=lines&pageSize=100", auth()).expect(200).json();
        for (JsonNode invoice : page.get("items")) {
            List<JsonNode> lines = new ArrayList<>();
            invoice.get("lines").forEach(lines::add);
            out.put(invoice.get("customer").get("id").asText(), lines);
        }
        return out;
    }

    static void assertDistinctLines(List<JsonNode> lines) {
        Set<String> periods = new HashSet<>();
        for (JsonNode line : lines) {
            assertTrue(periods.add(line.get("name").asText() + " " + line.get("period").get("from").asText()),
                    "a line of one rate card and period appears once: " + lines);
        }
    }

    boolean stillDue(String subscription) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var q = c.prepareStatement("SELECT next_sync_at <= ? FROM billing.subscription_line_sync WHERE subscription_id = ?")) {
            q.setObject(1, java.sql.Timestamp.from(clock.instant()));
            q.setObject(2, Ulid.parse(subscription).orElseThrow());
            try (var rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    void sql(String statement, String subscription) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); var q = c.prepareStatement(statement)) {
            q.setObject(1, Ulid.parse(subscription).orElseThrow());
            assertEquals(1, q.executeUpdate());
        }
    }

    void at(Instant instant) {
        clock.set(instant);
        token = http.post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(200).json()
                .get("access_token").asText();
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
