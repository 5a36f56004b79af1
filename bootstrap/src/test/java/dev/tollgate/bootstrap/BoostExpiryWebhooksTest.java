package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.entitlements.application.port.in.AnnounceBoostExpiriesUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * php-tenant's {@code boost_expired} when a boost runs out on its own: the operator grants a workspace a boost for an
 * hour ({@code boost_activated}); an hour later the expiry job announces it, once, whoever looks again.
 */
@MicronautTest(transactional = false)
class BoostExpiryWebhooksTest extends HttpTest {
    static final String SECRET = "boost-expiry-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    final WebhookSink sink = new WebhookSink();
    @Inject
    MutableClock clock;
    @Inject
    AnnounceBoostExpiriesUseCase expiries;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        properties.put("tollgate.entitlements.boost-expiry-interval", "100ms");
        return properties;
    }

    @AfterAll
    void stopSink() {
        sink.close();
    }

    private long deliveriesOf(Account account, long webhook, String event) {
        JsonNode page = http.get("/api/entitlement-webhooks/" + webhook + "/deliveries", account.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        return java.util.stream.StreamSupport.stream(page.get("data").spliterator(), false).filter(d -> d.get("event").asText().equals(event))
                .count();
    }

    @Test
    void aBoostThatRunsOutIsAnnouncedOnce() {
        // Tomorrow: after the tiers the catalog seeded on start-up took effect.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.DAYS).plusSeconds(10);
        clock.set(now);
        Account gil = Accounts.signUp(http, "Gil");
        long webhook = http.post("/api/entitlement-webhooks", """
                {"name":"Boosts","url":"%s","events":["boost_activated","boost_expired"]}""".formatted(sink.url()), gil.cookie())
                .expect(201).json().get("webhook").get("id").asLong();
        JsonNode entitlements = http.get("/api/v2/customers/" + gil.orgId() + "/entitlements?pageSize=100", OPERATOR).expect(200).json();
        String metered = null;
        for (JsonNode e : entitlements.get("items")) {
            if (e.get("type").asText().equals("metered")) {
                metered = e.get("id").asText();
                break;
            }
        }
        assertTrue(metered != null, entitlements.toString());
        http.post("/api/v2/customers/" + gil.orgId() + "/entitlements/" + metered + "/grants", """
                {"amount":5,"effectiveAt":"%s","expiration":{"duration":"HOUR","count":1}}""".formatted(now.truncatedTo(ChronoUnit.MINUTES)),
                OPERATOR).expect(201);
        PhpTenantWebhooksContractTest.await("boost_activated", () -> deliveriesOf(gil, webhook, "boost_activated") == 1);
        assertEquals(0, deliveriesOf(gil, webhook, "boost_expired"), "not before it runs out");

        clock.set(now.plus(61, ChronoUnit.MINUTES));
        PhpTenantWebhooksContractTest.await("boost_expired", () -> deliveriesOf(gil, webhook, "boost_expired") == 1);
        // The delivery is listed once queued; the sink has it once the worker sent it.
        PhpTenantWebhooksContractTest.await("boost_expired at the sink",
                () -> sink.received.stream().anyMatch(r -> r.body().contains("boost_expired")));
        WebhookSink.Received expired = sink.received.stream().filter(r -> r.body().contains("boost_expired")).findFirst().orElseThrow();
        assertTrue(expired.body().contains("\"workspace_id\":" + gil.orgNumber()), expired.body());
        assertTrue(expired.body().contains("\"value\":5"), expired.body());

        assertEquals(0, expiries.announceDue(), "looking again finds nothing due");
        assertEquals(1, deliveriesOf(gil, webhook, "boost_expired"));
    }
}
