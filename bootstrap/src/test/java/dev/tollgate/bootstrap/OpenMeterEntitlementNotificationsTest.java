package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import dev.tollgate.webhooks.application.port.in.NotifyEntitlementsUseCase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's entitlement notifications (ADR 0051) end to end: usage ingested through the events API crosses a
 * balance-threshold rule's thresholds, a reset by hand and a usage period's end raise {@code entitlements.reset}, each
 * once, delivered signed to a channel and shown as the document's NotificationEvent. The watch runs on its schedule;
 * the tests also look themselves (deterministically) to show that looking again raises nothing twice.
 */
@MicronautTest(transactional = false)
class OpenMeterEntitlementNotificationsTest extends HttpTest {
    /**
     * Ten minutes before tomorrow ends: the usage and the current daily period share one day whenever the suite runs,
     * and the next period begins a quarter of an hour later (within the session's lifetime).
     */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS).minusSeconds(10 * 60 - 30);
    static final ObjectMapper MAPPER = new ObjectMapper();
    final WebhookSink sink = new WebhookSink();
    @Inject
    MutableClock clock;
    @Inject
    NotifyEntitlementsUseCase notify;

    String[] auth;
    int events;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        properties.put("tollgate.notifications.balance-interval", "100ms");
        return properties;
    }

    @AfterAll
    void stopSink() {
        sink.close();
    }

    @BeforeEach
    void namespace() {
        clock.set(NOW);
        auth = new String[] {"Authorization", "Bearer " + signUpOwner()};
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth).expect(201);
        http.post("/api/v1/features", "{\"key\":\"exports\",\"name\":\"Exports\",\"meterSlug\":\"calls\"}", auth).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}", auth)
                .expect(201);
        http.post("/api/v2/customers/acme/entitlements", """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"DAY","anchor":"2026-01-01T00:00:00Z"},"issue":{"amount":100},
                 "measureUsageFrom":"CURRENT_PERIOD_START"}""", auth).expect(201);
    }

    private String channel() {
        return http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"hook","url":"%s"}""".formatted(sink.url()), auth).expect(201).json().get("id").asText();
    }

    private String rule(String body) {
        return http.post("/api/v1/notification/rules", body, auth).expect(201).conformsTo(OPENMETER).json().get("id").asText();
    }

    /** {@code n} calls of acme_prod in the minute before now. */
    private void calls(int n) {
        List<String> batch = new ArrayList<>();
        String time = clock.instant().truncatedTo(ChronoUnit.MINUTES).minusSeconds(1).toString();
        for (int i = 0; i < n; i++) {
            batch.add("""
                    {"specversion":"1.0","id":"e%d","source":"test","type":"call","subject":"acme_prod","time":"%s"}"""
                    .formatted(++events, time));
        }
        http.post("/api/v1/events", "[" + String.join(",", batch) + "]", auth[0], auth[1], "Content-Type",
                "application/cloudevents-batch+json").expect(204);
    }

    /** The rule's events, oldest first, each read by id (validating the embedded payload against the document). */
    private List<JsonNode> eventsOf(String rule) {
        JsonNode page = http.get("/api/v1/notification/events?rule=" + rule + "&order=ASC&pageSize=100", auth).expect(200)
                .conformsTo(OPENMETER).json();
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(e -> found.add(http.get("/api/v1/notification/events/" + e.get("id").asText(), auth).expect(200)
                .conformsTo(OPENMETER).json()));
        return found;
    }

    /** One look of the watch at every watched namespace, as the scheduled one does. */
    private void look(Instant since) {
        for (UUID namespace : notify.watchedNamespaces()) {
            notify.watch(namespace, since);
        }
    }

    private JsonNode delivered(String eventId) {
        PhpTenantWebhooksContractTest.await("delivery of " + eventId, () -> sink.received.stream()
                .anyMatch(r -> eventId.equals(r.header("webhook-id"))));
        WebhookSink.Received received = sink.received.stream().filter(r -> eventId.equals(r.header("webhook-id"))).findFirst()
                .orElseThrow();
        try {
            return MAPPER.readTree(received.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachCrossedThresholdFiresOncePerUsagePeriodAsUsageArrives() {
        String channel = channel();
        String rule = rule("""
                {"type":"entitlements.balance.threshold","name":"usage","channels":["%s"],"features":["api_calls"],
                 "thresholds":[{"value":50,"type":"usage_percentage"},{"value":80,"type":"PERCENT"},{"value":10,"type":"balance_value"}]}"""
                .formatted(channel));
        String otherFeature = rule("""
                {"type":"entitlements.balance.threshold","name":"exports","channels":["%s"],"features":["exports"],
                 "thresholds":[{"value":1,"type":"usage_value"}]}""".formatted(channel));
        String disabled = rule("""
                {"type":"entitlements.balance.threshold","name":"off","channels":["%s"],"disabled":true,
                 "thresholds":[{"value":1,"type":"usage_value"}]}""".formatted(channel));

        calls(30);
        look(NOW.minusSeconds(3600));
        assertEquals(0, eventsOf(rule).size(), "30 of 100 crosses nothing");

        calls(30); // 60 used: 50% crossed
        PhpTenantWebhooksContractTest.await("the scheduled watch to see 50%", () -> eventsOf(rule).size() == 1);
        look(NOW.minusSeconds(3600));
        look(NOW.minusSeconds(3600));
        List<JsonNode> fired = eventsOf(rule);
        assertEquals(1, fired.size(), "looking again raises nothing twice");
        JsonNode event = fired.get(0);
        assertEquals("entitlements.balance.threshold", event.get("type").asText());
        JsonNode data = event.at("/payload/data");
        assertEquals(50, data.at("/threshold/value").asInt());
        assertEquals("usage_percentage", data.at("/threshold/type").asText());
        assertEquals(60, data.at("/value/usage").asInt());
        assertEquals(40, data.at("/value/balance").asInt());
        assertEquals("api_calls", data.at("/feature/key").asText());
        assertEquals("api_calls", data.at("/entitlement/featureKey").asText());
        assertEquals("acme", data.at("/subject/key").asText());
        JsonNode body = delivered(event.get("id").asText());
        assertEquals(event.get("payload"), body, "the channel receives the payload the event shows");

        calls(35); // 95 used: 80% and the balance of 5 < 10 — one event per kind
        look(NOW.minusSeconds(3600));
        fired = eventsOf(rule);
        assertEquals(3, fired.size(), fired.toString());
        assertEquals(List.of("usage_percentage:80", "balance_value:10"), fired.subList(1, 3).stream()
                .map(e -> e.at("/payload/data/threshold/type").asText() + ":" + e.at("/payload/data/threshold/value").asInt()).sorted(
                        java.util.Comparator.reverseOrder()).toList());
        assertEquals(0, eventsOf(otherFeature).size(), "a rule of a feature without an entitlement raises nothing");
        assertEquals(0, eventsOf(disabled).size(), "a disabled rule raises nothing");

        // The next day is a new usage period: the cycle restarts, and its start is a (scheduled) reset.
        String resets = rule("""
                {"type":"entitlements.reset","name":"resets","channels":["%s"],"features":["api_calls"]}""".formatted(channel));
        Instant before = clock.instant();
        clock.set(NOW.plus(15, ChronoUnit.MINUTES));
        look(before);
        assertEquals(1, eventsOf(resets).size(), "the new period began with a reset");
        assertEquals(3, eventsOf(rule).size(), "nothing used in the new period yet");
        calls(55);
        look(before);
        assertEquals(4, eventsOf(rule).size(), "50% again, in the new period");
        assertEquals(1, eventsOf(resets).size());
    }

    @Test
    void aResetByHandRaisesTheResetRuleOnce() {
        String channel = channel();
        String resets = rule("""
                {"type":"entitlements.reset","name":"resets","channels":["%s"]}""".formatted(channel));
        calls(10);
        http.post("/api/v2/customers/acme/entitlements/api_calls/reset", "{}", auth).expect(204);
        PhpTenantWebhooksContractTest.await("the reset's notification", () -> eventsOf(resets).size() == 1);
        look(NOW.minusSeconds(3600));
        List<JsonNode> fired = eventsOf(resets);
        assertEquals(1, fired.size(), "the watch sees the reset's new period as the same reset");
        JsonNode data = fired.get(0).at("/payload/data");
        assertEquals("entitlements.reset", fired.get(0).get("type").asText());
        assertEquals(0, data.at("/value/usage").asInt(), "usage after the reset");
        assertTrue(data.has("subject") && data.has("feature") && data.has("entitlement"));
        assertEquals(fired.get(0).get("payload"), delivered(fired.get(0).get("id").asText()));
    }
}
