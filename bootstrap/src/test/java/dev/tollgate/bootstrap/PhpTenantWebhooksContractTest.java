package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * php-tenant's eleven entitlement-webhook operations against php-tenant.yaml, with real deliveries to a local sink whose
 * every signature is checked by Standard Webhooks' reference verifier (ADR 0048).
 */
@MicronautTest(transactional = false)
class PhpTenantWebhooksContractTest extends HttpTest {
    static final String SECRET = "php-tenant-webhooks-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    final WebhookSink sink = new WebhookSink();
    String[] partner;
    @Inject
    Environment environment;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        return properties;
    }

    @BeforeAll
    void partner() {
        String slug = "webhook-partner";
        String token = http.post("/v1/auth/signup", """
                {"email":"partner-%s@example.com","password":"correct horse battery","organization_slug":"%s"}"""
                .formatted(UUID.randomUUID(), slug)).expect(201).json().get("access_token").asText();
        String orgId = http.get("/v1/organizations/" + slug, "Authorization", "Bearer " + token).expect(200).json().get("id").asText();
        String key = http.post("/v1/api-keys", """
                {"org_id":"%s","name":"blesta","scopes":["entitlements.write","entitlements.read","usage.write"]}""".formatted(orgId),
                "Authorization", "Bearer " + token).expect(201).json().get("key").asText();
        partner = new String[] {"Authorization", "Bearer " + key};
        environment.addPropertySource(PropertySource.of("test-partners", Map.of("tollgate.provisioning.partners", orgId)));
        // a metered feature whose usage other applications record (limit_warning, limit_reached)
        http.post("/api/v1/meters", """
                {"slug":"scheduled_posts","aggregation":"SUM","eventType":"scheduled_post","valueProperty":"$.posts"}""", OPERATOR).expect(201);
        http.post("/api/v1/features", """
                {"key":"scheduled_posts","name":"Scheduled posts","meterSlug":"scheduled_posts"}""", OPERATOR).expect(201);
    }

    @AfterAll
    void stopSink() {
        sink.close();
    }

    JsonNode create(Account account, String events) {
        return http.post("/api/entitlement-webhooks", """
                {"name":"Production Webhook","url":"%s","events":%s,"metadata":{"team":"billing"}}""".formatted(sink.url(), events), account.cookie())
                .expect(201).conformsTo(PHP_TENANT).json();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aWebhookLivesThroughItsLifecycle() {
        Account ann = Accounts.signUp(http, "Ann");
        JsonNode created = create(ann, "[\"limit_warning\",\"limit_reached\"]");
        assertEquals("Webhook created successfully", created.get("message").asText());
        String secret = created.get("secret").asText();
        assertTrue(secret.startsWith("whsec_") && secret.length() >= 32);
        JsonNode webhook = created.get("webhook");
        long id = webhook.get("id").asLong();
        assertEquals(ann.orgNumber(), webhook.get("workspace_id").asLong());
        assertTrue(webhook.get("is_active").asBoolean());
        assertEquals(3, webhook.get("max_attempts").asInt());
        assertTrue(webhook.get("last_delivery_status").isNull());
        assertFalse(webhook.has("secret"), "the secret is shown once, never in the webhook");
        assertFalse(webhook.has("deliveries"), "only getWebhook shows the recent deliveries");

        JsonNode events = http.get("/api/entitlement-webhooks/events", ann.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("events");
        assertEquals("Limit warning threshold reached", events.get("limit_warning").asText());
        assertEquals(5, events.size());

        JsonNode list = http.get("/api/entitlement-webhooks", ann.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(1, list.get("meta").get("total").asInt());
        assertEquals(id, list.get("data").get(0).get("id").asLong());
        assertFalse(list.get("data").get(0).has("deliveries"), "only getWebhook shows the recent deliveries");

        // A test send goes out now, signed with the secret shown at creation.
        JsonNode sent = http.post("/api/entitlement-webhooks/" + id + "/test", null, ann.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("Test webhook sent successfully", sent.get("message").asText());
        assertEquals("success", sent.get("delivery").get("status").asText());
        assertEquals(200, sent.get("delivery").get("http_status").asInt());
        assertEquals(true, sent.get("delivery").get("response").get("ok").asBoolean());
        WebhookSink.Received test = sink.received.get(sink.received.size() - 1);
        assertDoesNotThrow(() -> new Webhook(secret).verify(test.body(), test.headers()));
        assertEquals(sent.get("delivery").get("payload").get("id").asText(), test.header("webhook-id"), "the message id is the event's id");

        JsonNode detail = http.get("/api/entitlement-webhooks/" + id, ann.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(1, detail.get("webhook").get("deliveries_count").asInt());
        JsonNode recent = detail.get("webhook").get("deliveries");
        assertEquals(1, recent.size());
        assertEquals(sent.get("delivery"), recent.get(0), "the same item as testWebhook and listWebhookDeliveries show");
        assertEquals("success", detail.get("webhook").get("last_delivery_status").asText());
        assertEquals(5, detail.get("available_events").size());

        JsonNode updated = http.put("/api/entitlement-webhooks/" + id, """
                {"name":"Renamed","max_attempts":5,"events":["package_changed"],"metadata":null}""", ann.cookie())
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("Webhook updated successfully", updated.get("message").asText());
        assertEquals("Renamed", updated.get("webhook").get("name").asText());
        assertEquals(5, updated.get("webhook").get("max_attempts").asInt());
        assertTrue(updated.get("webhook").get("metadata").isNull());
        assertFalse(updated.get("webhook").has("deliveries"), "only getWebhook shows the recent deliveries");

        // Rotation: the new secret signs at once, the old one still verifies during the overlap.
        JsonNode rotated = http.post("/api/entitlement-webhooks/" + id + "/regenerate-secret", null, ann.cookie())
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("Secret regenerated successfully", rotated.get("message").asText());
        String fresh = rotated.get("secret").asText();
        assertNotEquals(secret, fresh);
        http.post("/api/entitlement-webhooks/" + id + "/test", null, ann.cookie()).expect(200);
        WebhookSink.Received afterRotation = sink.received.get(sink.received.size() - 1);
        assertDoesNotThrow(() -> new Webhook(fresh).verify(afterRotation.body(), afterRotation.headers()));
        assertDoesNotThrow(() -> new Webhook(secret).verify(afterRotation.body(), afterRotation.headers()));

        JsonNode deliveries = http.get("/api/entitlement-webhooks/" + id + "/deliveries", ann.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(2, deliveries.get("meta").get("total").asInt());
        assertTrue(deliveries.get("data").get(0).get("id").asLong() > deliveries.get("data").get(1).get("id").asLong(), "newest first");
        long delivered = deliveries.get("data").get(0).get("id").asLong();
        JsonNode refused = http.post("/api/entitlement-webhooks/deliveries/" + delivered + "/retry", null, ann.cookie())
                .expect(422).conformsTo(PHP_TENANT).json();
        assertEquals("Cannot retry a successful delivery", refused.get("message").asText());

        assertEquals("Webhook deleted successfully", http.delete("/api/entitlement-webhooks/" + id, ann.cookie()).expect(200)
                .conformsTo(PHP_TENANT).json().get("message").asText());
        http.get("/api/entitlement-webhooks/" + id, ann.cookie()).expect(404).conformsTo(PHP_TENANT);
        http.get("/api/entitlement-webhooks/" + id + "/deliveries", ann.cookie()).expect(404);
    }

    @Test
    void getWebhookShowsTheTenNewestDeliveriesAsTheListShowsThem() {
        Account ivy = Accounts.signUp(http, "Ivy");
        long id = create(ivy, "[\"limit_warning\"]").get("webhook").get("id").asLong();
        String path = "/api/entitlement-webhooks/" + id;
        JsonNode none = http.get(path, ivy.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("webhook");
        assertEquals(0, none.get("deliveries_count").asInt());
        assertTrue(none.get("deliveries").isArray() && none.get("deliveries").isEmpty(), "no deliveries yet is [], not absent: " + none);

        List<Long> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sent.add(http.post(path + "/test", null, ivy.cookie()).expect(200).json().get("delivery").get("id").asLong());
        }
        JsonNode webhook = http.get(path, ivy.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("webhook");
        assertEquals(11, webhook.get("deliveries_count").asInt());
        JsonNode recent = webhook.get("deliveries");
        assertEquals(10, recent.size(), "the 10 most recent of 11");
        for (int i = 0; i < 10; i++) {
            assertEquals(sent.get(10 - i), recent.get(i).get("id").asLong(), "newest first, the first one sent left out");
        }
        JsonNode page = http.get(path + "/deliveries?per_page=10", ivy.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(page.get("data"), recent, "the same items, in the same order, as listWebhookDeliveries' first page of 10");
    }

    @Test
    void provisioningAPackageNotifiesTheWorkspacesWebhooks() {
        Account bea = Accounts.signUp(http, "Bea");
        JsonNode created = create(bea, "[\"package_changed\"]");
        String secret = created.get("secret").asText();
        int before = sink.received.size();
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Bea","product_code":"pro"}""".formatted(bea.email()), partner).expect(201);
        await("package_changed at the sink", () -> sink.received.stream().skip(before).anyMatch(r -> r.body().contains("package_changed")));
        WebhookSink.Received event = sink.received.stream().skip(before).filter(r -> r.body().contains("package_changed")).findFirst().orElseThrow();
        assertDoesNotThrow(() -> new Webhook(secret).verify(event.body(), event.headers()));
        assertTrue(event.body().contains("\"workspace_id\":" + bea.orgNumber()), event.body());
        assertTrue(event.body().contains("\"change\":\"provisioned\""), event.body());
        long id = created.get("webhook").get("id").asLong();
        await("the delivery recorded", () -> http.get("/api/entitlement-webhooks/" + id + "/deliveries", bea.cookie()).expect(200).json()
                .get("data").findValues("status").stream().anyMatch(s -> s.asText().equals("success")));
    }

    /** What the sink received of {@code event} for workspace {@code workspace}, as JSON. */
    List<JsonNode> received(String event, long workspace) {
        return sink.received.stream().map(r -> {
            try {
                return MAPPER.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).filter(b -> b.path("event").asText().equals(event) && b.path("workspace_id").asLong() == workspace).toList();
    }

    @Test
    void usageCrossingEightyThenAHundredPercentWarnsOnceAndReachesOnce() {
        Account gil = Accounts.signUp(http, "Gil");
        JsonNode created = create(gil, "[\"limit_warning\",\"limit_reached\"]");
        String secret = created.get("secret").asText();
        long id = created.get("webhook").get("id").asLong();
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Gil","product_code":"pro"}""".formatted(gil.email()), partner).expect(201);
        http.post("/api/v2/customers/" + gil.orgId() + "/entitlements", """
                {"type":"metered","featureKey":"scheduled_posts","usagePeriod":{"interval":"P1M"},"issue":{"amount":10}}""", OPERATOR)
                .expect(201);
        String usage = """
                {"email":"%s","feature":"scheduled_posts","quantity":%d}""";

        http.post("/api/v1/entitlements/usage", usage.formatted(gil.email(), 7), partner).expect(201).conformsTo(PHP_TENANT); // 70 %
        http.post("/api/v1/entitlements/usage", usage.formatted(gil.email(), 1), partner).expect(201).conformsTo(PHP_TENANT); // 80 %
        http.post("/api/v1/entitlements/usage", usage.formatted(gil.email(), 1), partner).expect(201).conformsTo(PHP_TENANT); // 90 %
        await("limit_warning at the sink", () -> received("limit_warning", gil.orgNumber()).size() >= 1);
        http.post("/api/v1/entitlements/usage", usage.formatted(gil.email(), 1), partner).expect(201).conformsTo(PHP_TENANT); // 100 %
        http.post("/api/v1/entitlements/usage", usage.formatted(gil.email(), 1), partner).expect(422).conformsTo(PHP_TENANT); // past it
        await("limit_reached at the sink", () -> received("limit_reached", gil.orgNumber()).size() >= 1);
        // Every queued delivery is final: nothing more is on its way to the sink.
        await("the deliveries recorded", () -> http.get("/api/entitlement-webhooks/" + id + "/deliveries", gil.cookie()).expect(200).json()
                .get("data").findValues("status").stream().allMatch(s -> s.asText().equals("success")));
        JsonNode deliveries = http.get("/api/entitlement-webhooks/" + id + "/deliveries", gil.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(2, deliveries.get("meta").get("total").asInt(), "one delivery per threshold: " + deliveries);
        assertEquals("limit_reached", deliveries.get("data").get(0).get("event").asText());
        assertEquals("limit_warning", deliveries.get("data").get(1).get("event").asText());

        List<JsonNode> warnings = received("limit_warning", gil.orgNumber());
        List<JsonNode> reached = received("limit_reached", gil.orgNumber());
        assertEquals(1, warnings.size(), "warned exactly once");
        assertEquals(1, reached.size(), "reached exactly once");
        JsonNode warning = warnings.get(0).get("data");
        assertEquals("scheduled_posts", warning.get("feature_code").asText());
        assertEquals(10, warning.get("limit").asLong());
        assertEquals(8, warning.get("used").asLong());
        assertEquals(80.0, warning.get("usage_percentage").asDouble());
        JsonNode full = reached.get(0).get("data");
        assertEquals(10, full.get("used").asLong());
        assertEquals(100.0, full.get("usage_percentage").asDouble());
        for (WebhookSink.Received r : sink.received) {
            if (r.body().contains("\"workspace_id\":" + gil.orgNumber() + ",")) {
                assertDoesNotThrow(() -> new Webhook(secret).verify(r.body(), r.headers()));
            }
        }
    }

    @Test
    void fiveFailuresOpenTheBreakerUntilItIsReset() {
        Account cy = Accounts.signUp(http, "Cy");
        long id = create(cy, "[\"limit_warning\"]").get("webhook").get("id").asLong();
        // One attempt per delivery: each failed test send is final at once, nothing retries behind the test's back.
        http.put("/api/entitlement-webhooks/" + id, "{\"max_attempts\":1}", cy.cookie()).expect(200);
        sink.status.set(500);
        try {
            for (int i = 0; i < 5; i++) {
                JsonNode failed = http.post("/api/entitlement-webhooks/" + id + "/test", null, cy.cookie()).expect(200)
                        .conformsTo(PHP_TENANT).json().get("delivery");
                assertEquals(500, failed.get("http_status").asInt());
                assertEquals("failed", failed.get("status").asText());
            }
            JsonNode open = http.get("/api/entitlement-webhooks/" + id, cy.cookie()).expect(200).json().get("webhook");
            assertFalse(open.get("is_active").asBoolean(), "the breaker opened at five consecutive failures");
            assertTrue(open.get("failure_count").asInt() >= 5);
        } finally {
            sink.status.set(200);
        }
        JsonNode reset = http.post("/api/entitlement-webhooks/" + id + "/reset-circuit-breaker", null, cy.cookie())
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("Webhook re-enabled successfully", reset.get("message").asText());
        assertTrue(reset.get("webhook").get("is_active").asBoolean());
        assertEquals(0, reset.get("webhook").get("failure_count").asInt());
        // A failed delivery can be retried by hand.
        JsonNode deliveries = http.get("/api/entitlement-webhooks/" + id + "/deliveries?per_page=1", cy.cookie()).expect(200).json();
        long failed = deliveries.get("data").get(0).get("id").asLong();
        assertEquals("failed", deliveries.get("data").get(0).get("status").asText());
        JsonNode retried = http.post("/api/entitlement-webhooks/deliveries/" + failed + "/retry", null, cy.cookie())
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("Delivery retried successfully", retried.get("message").asText());
        assertEquals("success", retried.get("delivery").get("status").asText());
        assertTrue(retried.get("delivery").get("resent_manually").asBoolean());
    }

    @Test
    void internalAddressesAreRefusedAndTenantsStayApart() {
        Account dan = Accounts.signUp(http, "Dan");
        for (String url : List.of("https://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook", "http://[::1]:8080/x")) {
            JsonNode refused = http.post("/api/entitlement-webhooks", """
                    {"name":"x","url":"%s","events":["limit_warning"]}""".formatted(url), dan.cookie()).expect(422).conformsTo(PHP_TENANT).json();
            assertEquals("invalid_webhook_url", refused.get("error").asText(), url);
            assertTrue(refused.get("message").asText().contains("does not connect"), refused.toString());
        }
        JsonNode invalid = http.post("/api/entitlement-webhooks", """
                {"url":"not a url","events":["nope"],"secret":"short"}""", dan.cookie()).expect(422).conformsTo(PHP_TENANT).json();
        assertTrue(invalid.get("errors").has("name"));
        assertTrue(invalid.get("errors").has("url"));
        assertTrue(invalid.get("errors").has("secret"));

        long dansHook = create(dan, "[\"limit_warning\"]").get("webhook").get("id").asLong();
        Account eve = Accounts.signUp(http, "Eve");
        int status = http.get("/api/entitlement-webhooks/" + dansHook, eve.cookie()).status();
        assertTrue(status == 403 || status == 404, "another workspace's webhook is not Eve's to read: " + status);
        int deleted = http.delete("/api/entitlement-webhooks/" + dansHook, eve.cookie()).status();
        assertTrue(deleted == 403 || deleted == 404);
        assertEquals(0, http.get("/api/entitlement-webhooks", eve.cookie()).expect(200).json().get("meta").get("total").asInt());
        http.get("/api/entitlement-webhooks").expect(401).conformsTo(PHP_TENANT);
    }

    @Test
    void everyRouteAsksForCredentialsFirstAndNamesNoUnknownWebhook() {
        String[][] routes = {{"GET", "/api/entitlement-webhooks"}, {"POST", "/api/entitlement-webhooks"}, {"GET", "/api/entitlement-webhooks/events"},
                {"GET", "/api/entitlement-webhooks/999999"}, {"PUT", "/api/entitlement-webhooks/999999"}, {"DELETE", "/api/entitlement-webhooks/999999"},
                {"POST", "/api/entitlement-webhooks/999999/test"}, {"POST", "/api/entitlement-webhooks/999999/regenerate-secret"},
                {"POST", "/api/entitlement-webhooks/999999/reset-circuit-breaker"}, {"GET", "/api/entitlement-webhooks/999999/deliveries"},
                {"POST", "/api/entitlement-webhooks/deliveries/999999/retry"}};
        Account fay = Accounts.signUp(http, "Fay");
        for (String[] route : routes) {
            String body = route[0].equals("PUT") || route[1].equals("/api/entitlement-webhooks") && route[0].equals("POST") ? "{}" : null;
            http.send(route[0], route[1], body).expect(401).conformsTo(PHP_TENANT);
            if (route[1].contains("999999")) {
                http.send(route[0], route[1], body, fay.cookie()).expect(404).conformsTo(PHP_TENANT);
            }
        }
        JsonNode empty = http.get("/api/entitlement-webhooks", fay.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(0, empty.get("data").size());
        long id = create(fay, "[\"boost_activated\"]").get("webhook").get("id").asLong();
        assertEquals(0, http.get("/api/entitlement-webhooks/" + id + "/deliveries", fay.cookie()).expect(200).conformsTo(PHP_TENANT).json()
                .get("data").size());
    }
}
