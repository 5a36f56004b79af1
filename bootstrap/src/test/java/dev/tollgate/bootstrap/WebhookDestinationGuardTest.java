package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard past creation (ADR 0048): an update is judged like a creation in each dialect, and a receiver cannot
 * send Tollgate elsewhere with a redirect. The operator allows the loopback (the test's receivers) and nothing else.
 */
@MicronautTest(transactional = false)
class WebhookDestinationGuardTest extends HttpTest {
    static final List<String> INTERNAL = List.of("https://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook", "https://192.168.1.1/hook",
            "https://[fd00::1]/hook", "https://[::ffff:169.254.169.254]/hook");
    @Inject
    DeliveryStore deliveries;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        return properties;
    }

    @Test
    void updatingAWebhookToAnInternalAddressIsRefusedInEachDialect() {
        Account ann = Accounts.signUp(http, "Ann");
        try (WebhookSink sink = new WebhookSink()) {
            long id = http.post("/api/entitlement-webhooks", """
                    {"name":"Guarded","url":"%s","events":["limit_warning"]}""".formatted(sink.url()), ann.cookie()).expect(201)
                    .json().get("webhook").get("id").asLong();
            String channel = http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"guarded","url":"%s"}""".formatted(sink.url()), ann.auth()).expect(201).conformsTo(OPENMETER)
                    .json().get("id").asText();
            for (String url : INTERNAL) {
                JsonNode refused = http.put("/api/entitlement-webhooks/" + id, "{\"url\":\"%s\"}".formatted(url), ann.cookie())
                        .expect(422).conformsTo(PHP_TENANT).json();
                assertEquals("invalid_webhook_url", refused.get("error").asText(), url);
                JsonNode problem = http.put("/api/v1/notification/channels/" + channel, """
                        {"type":"WEBHOOK","name":"guarded","url":"%s"}""".formatted(url), ann.auth()).expect(400).conformsTo(OPENMETER).json();
                assertEquals(400, problem.get("status").asInt(), problem.toString());
            }
            assertEquals(sink.url(), http.get("/api/entitlement-webhooks/" + id, ann.cookie()).expect(200).json().get("webhook").get("url").asText(),
                    "a refused update changes nothing");
            assertEquals(sink.url(), http.get("/api/v1/notification/channels/" + channel, ann.auth()).expect(200).json().get("url").asText());
        }
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedAttempt() {
        Account bo = Accounts.signUp(http, "Bo");
        try (WebhookSink redirecting = new WebhookSink(); WebhookSink elsewhere = new WebhookSink()) {
            redirecting.status.set(302);
            redirecting.answerHeaders.put("Location", elsewhere.url());
            long id = http.post("/api/entitlement-webhooks", """
                    {"name":"Redirected","url":"%s","events":["limit_warning"]}""".formatted(redirecting.url()), bo.cookie()).expect(201)
                    .json().get("webhook").get("id").asLong();
            http.put("/api/entitlement-webhooks/" + id, "{\"max_attempts\":1}", bo.cookie()).expect(200);

            // through the engine's queue
            String message = UUID.randomUUID().toString();
            deliveries.enqueue(List.of(new NewDelivery(id, message, "redirect-test:" + message, "limit_warning",
                    Map.of("id", message, "event", "limit_warning"), null)));
            JsonNode[] delivery = new JsonNode[1];
            WebhookTests.await("the redirected delivery to end", () -> {
                delivery[0] = http.get("/api/entitlement-webhooks/" + id + "/deliveries", bo.cookie()).expect(200).json().get("data").get(0);
                return delivery[0] != null && !delivery[0].get("status").asText().equals("pending");
            });
            assertEquals("failed", delivery[0].get("status").asText());
            assertEquals(302, delivery[0].get("http_status").asInt());

            // and through a test send
            JsonNode sent = http.post("/api/entitlement-webhooks/" + id + "/test", null, bo.cookie()).expect(200).conformsTo(PHP_TENANT).json()
                    .get("delivery");
            assertEquals("failed", sent.get("status").asText());
            assertEquals(302, sent.get("http_status").asInt());

            assertEquals(2, redirecting.received.size());
            assertTrue(elsewhere.received.isEmpty(), "the Location was never requested");
            assertEquals(2, http.get("/api/entitlement-webhooks/" + id, bo.cookie()).expect(200).json().get("webhook").get("failure_count").asInt(),
                    "each redirect counts toward the circuit breaker");
        }
    }
}
