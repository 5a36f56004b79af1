package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
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
}
