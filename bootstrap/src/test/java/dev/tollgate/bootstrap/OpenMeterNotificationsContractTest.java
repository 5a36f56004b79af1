package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's notification operations against openmeter.yaml (ADR 0049): channels are the delivery engine's endpoints
 * of the namespace, soft-deleted, replaced whole by PUT.
 */
@MicronautTest(transactional = false)
class OpenMeterNotificationsContractTest extends HttpTest {
    static final String UNKNOWN = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    static final ObjectMapper MAPPER = new ObjectMapper();
    final WebhookSink sink = new WebhookSink();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        return properties;
    }

    @AfterAll
    void stopSink() {
        sink.close();
    }

    static String[] auth(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    JsonNode channel(String[] auth, String extra) {
        return http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"customer-webhook","url":"%s"%s}""".formatted(sink.url(), extra), auth)
                .expect(201).conformsTo(OPENMETER).json();
    }

    @Test
    void aChannelLivesThroughItsLifecycle() {
        String[] auth = auth(signUpOwner());
        JsonNode empty = http.get("/api/v1/notification/channels", auth).expect(200).conformsTo(OPENMETER).json();
        assertEquals(0, empty.get("totalCount").asInt());
        assertTrue(empty.get("items").isArray() && empty.get("items").isEmpty());

        JsonNode generated = channel(auth, "");
        String id = generated.get("id").asText();
        assertEquals("WEBHOOK", generated.get("type").asText());
        assertFalse(generated.get("disabled").asBoolean());
        assertTrue(generated.get("signingSecret").asText().matches("^whsec_[a-zA-Z0-9+/=]{32,100}$"), generated.toString());
        assertFalse(generated.has("deletedAt"));

        String secret = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
        JsonNode own = channel(auth, """
                ,"signingSecret":"%s","customHeaders":{"X-Team":"billing"},"metadata":{"env":"prod"},"disabled":true""".formatted(secret));
        assertEquals(secret, own.get("signingSecret").asText());
        assertEquals("billing", own.get("customHeaders").get("X-Team").asText());
        assertEquals("prod", own.get("metadata").get("env").asText());
        assertTrue(own.get("disabled").asBoolean());

        // disabled channels only when asked
        assertEquals(1, http.get("/api/v1/notification/channels", auth).expect(200).conformsTo(OPENMETER).json().get("totalCount").asInt());
        JsonNode all = http.get("/api/v1/notification/channels?includeDisabled=true&orderBy=createdAt&order=DESC&page=1&pageSize=10", auth)
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, all.get("totalCount").asInt());
        assertEquals(own.get("id").asText(), all.get("items").get(0).get("id").asText());

        JsonNode read = http.get("/api/v1/notification/channels/" + id, auth).expect(200).conformsTo(OPENMETER).json();
        assertEquals(generated.get("signingSecret").asText(), read.get("signingSecret").asText());

        // PUT replaces every field: metadata and headers left out are gone; the secret is kept unless one is given
        JsonNode replaced = http.put("/api/v1/notification/channels/" + own.get("id").asText(), """
                {"type":"WEBHOOK","name":"renamed","url":"%s"}""".formatted(sink.url()), auth).expect(200).conformsTo(OPENMETER).json();
        assertEquals("renamed", replaced.get("name").asText());
        assertFalse(replaced.get("disabled").asBoolean());
        assertFalse(replaced.has("metadata"));
        assertTrue(replaced.get("customHeaders").isEmpty());
        assertEquals(secret, replaced.get("signingSecret").asText());

        http.delete("/api/v1/notification/channels/" + id, auth).expect(204).conformsTo(OPENMETER);
        JsonNode deleted = http.get("/api/v1/notification/channels/" + id, auth).expect(200).conformsTo(OPENMETER).json();
        assertTrue(deleted.has("deletedAt"));
        http.delete("/api/v1/notification/channels/" + id, auth).expect(404).conformsTo(OPENMETER);
        http.put("/api/v1/notification/channels/" + id, """
                {"type":"WEBHOOK","name":"again","url":"%s"}""".formatted(sink.url()), auth).expect(404).conformsTo(OPENMETER);
        assertEquals(1, http.get("/api/v1/notification/channels", auth).expect(200).json().get("totalCount").asInt());
        assertEquals(2, http.get("/api/v1/notification/channels?includeDeleted=true", auth).expect(200).conformsTo(OPENMETER).json()
                .get("totalCount").asInt());
    }

    @Test
    void badChannelsAreRefused() {
        String[] auth = auth(signUpOwner());
        for (String body : new String[] {
                "{\"type\":\"EMAIL\",\"name\":\"n\",\"url\":\"" + sink.url() + "\"}",
                "{\"type\":\"WEBHOOK\",\"name\":\"\",\"url\":\"" + sink.url() + "\"}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"https://10.0.0.7/hook\"}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"https://169.254.169.254/latest/meta-data\"}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"" + sink.url() + "\",\"signingSecret\":\"too-short\"}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"" + sink.url() + "\",\"customHeaders\":{\"webhook-signature\":\"v1,forged\"}}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"" + sink.url() + "\",\"customHeaders\":{\"Content-Type\":\"text/plain\"}}",
                "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"" + sink.url() + "\",\"customHeaders\":{\"X-A\":\"a\\r\\nX-B: b\"}}"}) {
            http.post("/api/v1/notification/channels", body, auth).expect(400).conformsTo(OPENMETER);
        }
        assertEquals(0, http.get("/api/v1/notification/channels?includeDisabled=true", auth).expect(200).json().get("totalCount").asInt());
        http.get("/api/v1/notification/channels?orderBy=name", auth).expect(400).conformsTo(OPENMETER);
    }

    @Test
    void unknownAndOtherNamespacesChannelsAreNotFoundAndAnonymousCallersUnauthorized() {
        String[] auth = auth(signUpOwner());
        String[] stranger = Accounts.signUp(http, "Stranger").auth();
        String theirs = channel(stranger, "").get("id").asText();
        String body = "{\"type\":\"WEBHOOK\",\"name\":\"n\",\"url\":\"" + sink.url() + "\"}";
        for (String id : new String[] {UNKNOWN, theirs, "not-a-ulid"}) {
            http.get("/api/v1/notification/channels/" + id, auth).expect(404).conformsTo(OPENMETER);
            http.put("/api/v1/notification/channels/" + id, body, auth).expect(404).conformsTo(OPENMETER);
            http.delete("/api/v1/notification/channels/" + id, auth).expect(404).conformsTo(OPENMETER);
        }
        assertEquals(0, http.get("/api/v1/notification/channels", auth).expect(200).json().get("totalCount").asInt());
        assertEquals("customer-webhook", http.get("/api/v1/notification/channels/" + theirs, stranger).expect(200).json().get("name").asText());

        http.get("/api/v1/notification/channels").expect(401).conformsTo(OPENMETER);
        http.post("/api/v1/notification/channels", body).expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/notification/channels/" + theirs).expect(401).conformsTo(OPENMETER);
        http.put("/api/v1/notification/channels/" + theirs, body).expect(401).conformsTo(OPENMETER);
        http.delete("/api/v1/notification/channels/" + theirs).expect(401).conformsTo(OPENMETER);
    }

    @Test
    void rulesOfEveryTypeLiveThroughTheirLifecycle() {
        String[] auth = auth(signUpOwner());
        JsonNode empty = http.get("/api/v1/notification/rules", auth).expect(200).conformsTo(OPENMETER).json();
        assertEquals(0, empty.get("totalCount").asInt());
        assertTrue(empty.get("items").isArray() && empty.get("items").isEmpty());
        String channel = channel(auth, "").get("id").asText();
        String feature = http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"Single sign-on\"}", auth).expect(201).json().get("id").asText();

        JsonNode threshold = http.post("/api/v1/notification/rules", """
                {"type":"entitlements.balance.threshold","name":"Balance threshold reached","channels":["%s"],"features":["sso"],
                 "thresholds":[{"value":80,"type":"PERCENT"},{"value":100,"type":"usage_value"},{"value":0,"type":"balance_value"}],
                 "metadata":{"team":"billing"}}""".formatted(channel), auth).expect(201).conformsTo(OPENMETER).json();
        String id = threshold.get("id").asText();
        assertEquals("usage_percentage", threshold.get("thresholds").get(0).get("type").asText(), "PERCENT is usage_percentage");
        assertEquals(3, threshold.get("thresholds").size());
        assertEquals(feature, threshold.get("features").get(0).get("id").asText());
        assertEquals("sso", threshold.get("features").get(0).get("key").asText());
        assertEquals(channel, threshold.get("channels").get(0).get("id").asText());
        assertEquals("WEBHOOK", threshold.get("channels").get(0).get("type").asText());

        JsonNode reset = http.post("/api/v1/notification/rules", """
                {"type":"entitlements.reset","name":"Reset","channels":["%s"],"features":["%s"]}""".formatted(channel, feature), auth)
                .expect(201).conformsTo(OPENMETER).json();
        assertFalse(reset.has("thresholds"));
        JsonNode created = http.post("/api/v1/notification/rules", """
                {"type":"invoice.created","name":"Invoices","channels":["%s"]}""".formatted(channel), auth).expect(201).conformsTo(OPENMETER).json();
        assertFalse(created.has("features"));
        http.post("/api/v1/notification/rules", """
                {"type":"invoice.updated","name":"Invoice changes","channels":["%s"],"disabled":true}""".formatted(channel), auth)
                .expect(201).conformsTo(OPENMETER);

        assertEquals(3, http.get("/api/v1/notification/rules", auth).expect(200).conformsTo(OPENMETER).json().get("totalCount").asInt());
        assertEquals(4, http.get("/api/v1/notification/rules?includeDisabled=true&orderBy=type&order=DESC", auth).expect(200)
                .conformsTo(OPENMETER).json().get("totalCount").asInt());
        JsonNode bySso = http.get("/api/v1/notification/rules?feature=sso&channel=" + channel, auth).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, bySso.get("totalCount").asInt());
        assertEquals(0, http.get("/api/v1/notification/rules?channel=" + UNKNOWN, auth).expect(200).conformsTo(OPENMETER).json()
                .get("totalCount").asInt());

        assertEquals(id, http.get("/api/v1/notification/rules/" + id, auth).expect(200).conformsTo(OPENMETER).json().get("id").asText());
        // PUT replaces the rule whole: its type too
        JsonNode replaced = http.put("/api/v1/notification/rules/" + id, """
                {"type":"entitlements.reset","name":"Now a reset rule","channels":["%s"]}""".formatted(channel), auth)
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals("entitlements.reset", replaced.get("type").asText());
        assertFalse(replaced.has("thresholds") || replaced.has("features") || replaced.has("metadata"));

        http.delete("/api/v1/notification/rules/" + id, auth).expect(204).conformsTo(OPENMETER);
        assertTrue(http.get("/api/v1/notification/rules/" + id, auth).expect(200).conformsTo(OPENMETER).json().has("deletedAt"));
        http.delete("/api/v1/notification/rules/" + id, auth).expect(404).conformsTo(OPENMETER);
        assertEquals(2, http.get("/api/v1/notification/rules", auth).expect(200).json().get("totalCount").asInt());
        assertEquals(4, http.get("/api/v1/notification/rules?includeDeleted=true&includeDisabled=true", auth).expect(200).conformsTo(OPENMETER)
                .json().get("totalCount").asInt());
    }

    @Test
    void badRulesAreRefused() {
        String[] auth = auth(signUpOwner());
        String channel = channel(auth, "").get("id").asText();
        String[] stranger = Accounts.signUp(http, "RuleStranger").auth();
        String theirChannel = channel(stranger, "").get("id").asText();
        String deleted = channel(auth, "").get("id").asText();
        http.delete("/api/v1/notification/channels/" + deleted, auth).expect(204);
        String t = "{\"type\":\"entitlements.balance.threshold\",\"name\":\"t\",\"channels\":[\"%s\"],\"thresholds\":%s}";
        for (String body : new String[] {
                "{\"type\":\"invoice.paid\",\"name\":\"x\",\"channels\":[\"" + channel + "\"]}",
                "{\"type\":\"invoice.created\",\"name\":\"\",\"channels\":[\"" + channel + "\"]}",
                "{\"type\":\"invoice.created\",\"name\":\"x\",\"channels\":[]}",
                "{\"type\":\"invoice.created\",\"name\":\"x\",\"channels\":[\"" + theirChannel + "\"]}",
                "{\"type\":\"invoice.created\",\"name\":\"x\",\"channels\":[\"" + deleted + "\"]}",
                "{\"type\":\"invoice.created\",\"name\":\"x\",\"channels\":[\"" + UNKNOWN + "\"]}",
                "{\"type\":\"entitlements.reset\",\"name\":\"x\",\"channels\":[\"" + channel + "\"],\"features\":[\"no_such_feature\"]}",
                t.formatted(channel, "[]"),
                t.formatted(channel, "[{\"value\":80,\"type\":\"MOST\"}]"),
                t.formatted(channel, "[{\"value\":-1,\"type\":\"usage_value\"}]"),
                t.formatted(channel, "[" + "{\"value\":1,\"type\":\"usage_value\"},".repeat(10) + "{\"value\":2,\"type\":\"usage_value\"}]")}) {
            http.post("/api/v1/notification/rules", body, auth).expect(400).conformsTo(OPENMETER);
        }
        assertEquals(0, http.get("/api/v1/notification/rules?includeDisabled=true", auth).expect(200).json().get("totalCount").asInt());
    }

    @Test
    void unknownAndOtherNamespacesRulesAreNotFoundAndAnonymousCallersUnauthorized() {
        String[] auth = auth(signUpOwner());
        String[] stranger = Accounts.signUp(http, "RuleOwner").auth();
        String theirChannel = channel(stranger, "").get("id").asText();
        String theirs = http.post("/api/v1/notification/rules", """
                {"type":"invoice.created","name":"Invoices","channels":["%s"]}""".formatted(theirChannel), stranger).expect(201).json()
                .get("id").asText();
        String mine = channel(auth, "").get("id").asText();
        String body = "{\"type\":\"invoice.created\",\"name\":\"x\",\"channels\":[\"" + mine + "\"]}";
        for (String id : new String[] {UNKNOWN, theirs, "not-a-ulid"}) {
            http.get("/api/v1/notification/rules/" + id, auth).expect(404).conformsTo(OPENMETER);
            http.put("/api/v1/notification/rules/" + id, body, auth).expect(404).conformsTo(OPENMETER);
            http.delete("/api/v1/notification/rules/" + id, auth).expect(404).conformsTo(OPENMETER);
        }
        assertEquals("Invoices", http.get("/api/v1/notification/rules/" + theirs, stranger).expect(200).json().get("name").asText());
        http.get("/api/v1/notification/rules").expect(401).conformsTo(OPENMETER);
        http.post("/api/v1/notification/rules", body).expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/notification/rules/" + theirs).expect(401).conformsTo(OPENMETER);
        http.put("/api/v1/notification/rules/" + theirs, body).expect(401).conformsTo(OPENMETER);
        http.delete("/api/v1/notification/rules/" + theirs).expect(401).conformsTo(OPENMETER);
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        PhpTenantWebhooksContractTest.await(what, condition);
    }

    @Test
    void aRulesTestEventIsSignedDeliveredToEveryChannelAndResent() throws Exception {
        String[] auth = auth(signUpOwner());
        assertEquals(0, http.get("/api/v1/notification/events", auth).expect(200).conformsTo(OPENMETER).json().get("totalCount").asInt());
        try (WebhookSink first = new WebhookSink(); WebhookSink second = new WebhookSink()) {
            JsonNode one = http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"one","url":"%s","customHeaders":{"X-Team":"billing"}}""".formatted(first.url()), auth)
                    .expect(201).json();
            JsonNode two = http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"two","url":"%s"}""".formatted(second.url()), auth).expect(201).json();
            http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"Single sign-on\"}", auth).expect(201);
            String rule = http.post("/api/v1/notification/rules", """
                    {"type":"entitlements.balance.threshold","name":"Almost out","channels":["%s","%s"],"features":["sso"],
                     "thresholds":[{"value":80,"type":"usage_percentage"}]}""".formatted(one.get("id").asText(), two.get("id").asText()), auth)
                    .expect(201).json().get("id").asText();

            JsonNode event = http.post("/api/v1/notification/rules/" + rule + "/test", null, auth).expect(201).conformsTo(OPENMETER).json();
            String id = event.get("id").asText();
            assertEquals("entitlements.balance.threshold", event.get("type").asText());
            assertEquals(rule, event.get("rule").get("id").asText());
            assertEquals(id, event.get("payload").get("id").asText());
            assertEquals("sso", event.get("payload").get("data").get("feature").get("key").asText());

            await("both channels", () -> first.received.size() == 1 && second.received.size() == 1);
            for (WebhookSink sink : List.of(first, second)) {
                WebhookSink.Received got = sink.received.get(0);
                assertEquals(id, got.header("webhook-id"), "the webhook-id is the event's id on every channel");
                assertEquals(id, MAPPER.readTree(got.body()).get("id").asText());
                assertEquals(event.get("payload"), MAPPER.readTree(got.body()), "the body is the payload");
                String secret = (sink == first ? one : two).get("signingSecret").asText();
                assertDoesNotThrow(() -> new com.standardwebhooks.Webhook(secret).verify(got.body(), got.headers()));
            }
            assertEquals("billing", first.received.get(0).header("X-Team"));
            assertEquals("application/json", first.received.get(0).header("Content-Type"));

            await("success on both", () -> {
                JsonNode read = http.get("/api/v1/notification/events/" + id, auth).expect(200).json();
                return read.get("deliveryStatus").size() == 2 && read.get("deliveryStatus").findValues("state").stream()
                        .allMatch(s -> s.asText().equals("SUCCESS"));
            });
            JsonNode read = http.get("/api/v1/notification/events/" + id, auth).expect(200).conformsTo(OPENMETER).json();
            JsonNode status = read.get("deliveryStatus").get(0);
            assertEquals(one.get("id").asText(), status.get("channel").get("id").asText());
            assertEquals(200, status.get("attempts").get(0).get("response").get("statusCode").asInt());
            assertEquals(first.url(), status.get("attempts").get(0).get("response").get("url").asText());
            assertFalse(status.has("nextAttempt"));

            JsonNode listed = http.get("/api/v1/notification/events?rule=" + rule + "&channel=" + two.get("id").asText()
                    + "&feature=sso&orderBy=createdAt&order=DESC&page=1&pageSize=5", auth).expect(200).conformsTo(OPENMETER).json();
            assertEquals(1, listed.get("totalCount").asInt());
            assertEquals(id, listed.get("items").get(0).get("id").asText());
            assertEquals(0, http.get("/api/v1/notification/events?from=2999-01-01T00:00:00Z", auth).expect(200).conformsTo(OPENMETER).json()
                    .get("totalCount").asInt());

            // resend to one channel: the same message again
            http.post("/api/v1/notification/events/" + id + "/resend", "{\"channels\":[\"" + two.get("id").asText() + "\"]}", auth)
                    .expect(202).conformsTo(OPENMETER);
            await("the resend", () -> second.received.size() == 2);
            assertEquals(id, second.received.get(1).header("webhook-id"));
            assertEquals(1, first.received.size());
            http.post("/api/v1/notification/events/" + id + "/resend", "{}", auth).expect(202).conformsTo(OPENMETER);
            await("the resend to all", () -> first.received.size() == 2 && second.received.size() == 3);
            http.post("/api/v1/notification/events/" + id + "/resend", "{\"channels\":[\"" + UNKNOWN + "\"]}", auth)
                    .expect(400).conformsTo(OPENMETER);
        }
    }

    @Test
    void aFailingChannelShowsItsAttemptsAndEventsOfOthersAreNotFound() {
        String[] auth = auth(signUpOwner());
        try (WebhookSink failing = new WebhookSink()) {
            failing.status.set(500);
            String channel = http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"down","url":"%s"}""".formatted(failing.url()), auth).expect(201).json().get("id").asText();
            String rule = http.post("/api/v1/notification/rules", """
                    {"type":"invoice.created","name":"Invoices","channels":["%s"]}""".formatted(channel), auth).expect(201).json().get("id").asText();
            JsonNode event = http.post("/api/v1/notification/rules/" + rule + "/test", null, auth).expect(201).conformsTo(OPENMETER).json();
            String id = event.get("id").asText();
            assertEquals("standard", event.get("payload").get("data").get("type").asText());
            await("a failed attempt", () -> http.get("/api/v1/notification/events/" + id, auth).expect(200).json()
                    .at("/deliveryStatus/0/attempts").size() >= 1);
            JsonNode status = http.get("/api/v1/notification/events/" + id, auth).expect(200).conformsTo(OPENMETER).json().at("/deliveryStatus/0");
            assertTrue(List.of("SENDING", "FAILED").contains(status.get("state").asText()), status.toString());
            assertEquals("FAILED", status.at("/attempts/0/state").asText());
            assertEquals(500, status.at("/attempts/0/response/statusCode").asInt());

            String[] stranger = Accounts.signUp(http, "EventStranger").auth();
            for (String unknown : new String[] {id, UNKNOWN, "not-a-ulid"}) {
                http.get("/api/v1/notification/events/" + unknown, stranger).expect(404).conformsTo(OPENMETER);
                http.post("/api/v1/notification/events/" + unknown + "/resend", "{}", stranger).expect(404).conformsTo(OPENMETER);
                http.post("/api/v1/notification/rules/" + (unknown.equals(id) ? rule : unknown) + "/test", null, stranger).expect(404).conformsTo(OPENMETER);
            }
            assertEquals(0, http.get("/api/v1/notification/events", stranger).expect(200).json().get("totalCount").asInt());
            http.get("/api/v1/notification/events").expect(401).conformsTo(OPENMETER);
            http.get("/api/v1/notification/events/" + id).expect(401).conformsTo(OPENMETER);
            http.post("/api/v1/notification/events/" + id + "/resend", "{}").expect(401).conformsTo(OPENMETER);
            http.post("/api/v1/notification/rules/" + rule + "/test", null).expect(401).conformsTo(OPENMETER);
            http.get("/api/v1/notification/events?from=yesterday", auth).expect(400).conformsTo(OPENMETER);
        }
    }
}
