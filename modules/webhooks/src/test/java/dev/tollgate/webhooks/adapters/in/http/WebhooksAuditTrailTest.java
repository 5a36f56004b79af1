package dev.tollgate.webhooks.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints, notification channels and rules changed through php-tenant's and OpenMeter's APIs land in the
 * organization's audit log, newest first, without their signing secrets, custom header values or URL paths.
 */
@MicronautTest(transactional = false)
class WebhooksAuditTrailTest extends HttpTest {
    private static final String CHANNEL_SECRET = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
    private static final String WEBHOOK_SECRET = "my-own-signing-secret-of-at-least-32-chars";
    private static final String HEADER_TOKEN = "Bearer header-credential-42";
    private static final String URL_PATH = "/hooks/T0001/B0002/slack-like-credential";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        return properties;
    }

    @Test
    void endpointsChannelsAndRulesAreAuditedWithoutSecrets() {
        Account account = Accounts.signUp(http, "Hooked");
        String url = "http://127.0.0.1:9" + URL_PATH;

        // php-tenant's entitlement webhooks, acting in the session's workspace
        JsonNode created = http.post("/api/entitlement-webhooks", """
                {"name":"Production Webhook","url":"%s","events":["limit_reached"],"secret":"%s"}""".formatted(url, WEBHOOK_SECRET),
                account.cookie()).expect(201).json();
        String webhook = created.get("webhook").get("id").asText();
        http.put("/api/entitlement-webhooks/" + webhook, "{\"name\":\"Renamed\",\"max_attempts\":5}", account.cookie()).expect(200);
        String rotated = http.post("/api/entitlement-webhooks/" + webhook + "/regenerate-secret", null, account.cookie()).expect(200).json()
                .get("secret").asText();
        http.delete("/api/entitlement-webhooks/" + webhook, account.cookie()).expect(200);

        // OpenMeter's notification channels and rules, in the caller's current workspace
        String channel = http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"billing","url":"%s","signingSecret":"%s","customHeaders":{"Authorization":"%s"}}"""
                .formatted(url, CHANNEL_SECRET, HEADER_TOKEN), account.auth()).expect(201).json().get("id").asText();
        http.put("/api/v1/notification/channels/" + channel, """
                {"type":"WEBHOOK","name":"billing-renamed","url":"%s"}""".formatted(url), account.auth()).expect(200);
        String rule = http.post("/api/v1/notification/rules", """
                {"type":"invoice.created","name":"New invoices","channels":["%s"]}""".formatted(channel), account.auth()).expect(201).json()
                .get("id").asText();
        http.put("/api/v1/notification/rules/" + rule, """
                {"type":"invoice.created","name":"Every new invoice","channels":["%s"]}""".formatted(channel), account.auth()).expect(200);
        http.delete("/api/v1/notification/rules/" + rule, account.auth()).expect(204);
        http.delete("/api/v1/notification/channels/" + channel, account.auth()).expect(204);

        String body = http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).body();
        for (String secret : List.of(CHANNEL_SECRET, WEBHOOK_SECRET, rotated, created.get("secret").asText(), HEADER_TOKEN, URL_PATH)) {
            assertFalse(body.contains(secret), "the log holds no secret: " + secret);
        }
        JsonNode entries = ours(http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).json()
                .get("entries"));
        assertEquals(List.of("notification_channel.deleted", "notification_rule.deleted", "notification_rule.updated", "notification_rule.created",
                "notification_channel.updated", "notification_channel.created", "webhook_endpoint.deleted", "webhook_endpoint.secret_rotated",
                "webhook_endpoint.updated", "webhook_endpoint.created"), types(entries), entries.toString());
        assertEquals(channel, entries.get(0).get("resourceId").asText());
        assertEquals(rule, entries.get(1).get("resourceId").asText());
        assertEquals("New invoices", entries.get(2).get("before").get("name").asText());
        assertEquals("Every new invoice", entries.get(2).get("after").get("name").asText());
        JsonNode channelCreated = entries.get(5);
        assertEquals("127.0.0.1", channelCreated.get("after").get("url_host").asText());
        assertEquals("Authorization", channelCreated.get("after").get("custom_header_names").get(0).asText());
        assertEquals(webhook, entries.get(9).get("resourceId").asText());
        assertTrue(entries.get(8).get("summary").asText().contains("Renamed"), entries.get(8).toString());
    }

    /** The webhooks module's entries only: signing up wrote tenancy's own. */
    private static JsonNode ours(JsonNode entries) {
        ArrayNode ours = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> {
            if (List.of("webhook_endpoint", "notification_channel", "notification_rule").contains(e.get("resourceType").asText())) {
                ours.add(e);
            }
        });
        return ours;
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
