package dev.tollgate.webhooks.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhooks module's export source writes one organization's endpoints of every API with the ids those APIs show,
 * its notification rules and events and its deliveries, nothing of another organization, and never a signing secret or
 * a custom header's value.
 */
@MicronautTest(transactional = false)
class WebhooksExportSourceTest extends HttpTest {
    private static final String CHANNEL_SECRET = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
    private static final String WEBHOOK_SECRET = "my-own-signing-secret-of-at-least-32-chars";
    private static final String HEADER_TOKEN = "Bearer header-credential-42";
    private static final String URL = "http://127.0.0.1:9/hooks";
    @Inject
    List<WorkspaceExportSource> sources;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        return properties;
    }

    @Test
    void exportsEndpointsRulesEventsAndDeliveriesWithoutSecrets() throws Exception {
        Account ours = Accounts.signUp(http, "Hooked");
        Account theirs = Accounts.signUp(http, "Unrelated");
        JsonNode webhook = http.post("/api/entitlement-webhooks", """
                {"name":"Production Webhook","url":"%s","events":["limit_reached"],"secret":"%s"}""".formatted(URL, WEBHOOK_SECRET),
                ours.cookie()).expect(201).json();
        long webhookId = webhook.get("webhook").get("id").asLong();
        http.post("/api/entitlement-webhooks/" + webhookId + "/test", null, ours.cookie()).expect(200);
        JsonNode channel = http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"billing","url":"%s","signingSecret":"%s","customHeaders":{"Authorization":"%s"}}"""
                .formatted(URL, CHANNEL_SECRET, HEADER_TOKEN), ours.auth()).expect(201).json();
        String channelId = channel.get("id").asText();
        String rule = http.post("/api/v1/notification/rules", """
                {"type":"invoice.created","name":"New invoices","channels":["%s"]}""".formatted(channelId), ours.auth()).expect(201).json()
                .get("id").asText();
        String event = http.post("/api/v1/notification/rules/" + rule + "/test", null, ours.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"rival-channel","url":"%s/rival"}""".formatted(URL), theirs.auth()).expect(201);

        Map<String, List<Map<String, ?>>> export = export(ours);

        List<Map<String, ?>> endpoints = export.get("endpoints");
        assertEquals(2, endpoints.size(), endpoints.toString());
        Map<String, ?> phpTenant = endpoints.get(0);
        assertEquals(webhookId, phpTenant.get("id"), "php-tenant's integer id");
        assertEquals(List.of("limit_reached"), phpTenant.get("events"));
        Map<String, ?> openMeter = endpoints.get(1);
        assertEquals(channelId, openMeter.get("id"), "OpenMeter's ULID");
        assertEquals(URL, openMeter.get("url"));
        assertEquals(List.of("Authorization"), openMeter.get("customHeaderNames"));
        Map<String, ?> exportedRule = single(export.get("notification_rules"));
        assertEquals(rule, exportedRule.get("id"));
        assertEquals(List.of(channelId), exportedRule.get("channelIds"));
        Map<String, ?> exportedEvent = single(export.get("notification_events"));
        assertEquals(event, exportedEvent.get("id"));
        assertEquals(rule, exportedEvent.get("ruleId"));
        List<Map<String, ?>> deliveries = export.get("deliveries");
        assertTrue(deliveries.stream().anyMatch(d -> d.get("endpointId").equals(webhookId)), deliveries.toString());
        assertTrue(deliveries.stream().anyMatch(d -> d.get("endpointId").equals(channelId) && d.get("messageId").equals(event)),
                deliveries.toString());

        String text = json.writeValueAsString(export);
        assertFalse(text.contains("rival"), "nothing of another organization");
        for (String secret : List.of(CHANNEL_SECRET, WEBHOOK_SECRET, webhook.get("secret").asText(), HEADER_TOKEN)) {
            assertFalse(text.contains(secret), "no secret: " + secret);
        }
    }

    private Map<String, List<Map<String, ?>>> export(Account account) {
        WorkspaceExportSource webhooks = sources.stream().filter(s -> s.section().equals("webhooks")).findFirst().orElseThrow();
        Map<String, List<Map<String, ?>>> export = new LinkedHashMap<>();
        transactions.executeRead(status -> {
            webhooks.resources().forEach(resource -> {
                List<Map<String, ?>> records = new ArrayList<>();
                webhooks.write(TypeId.parse("org", account.orgId()), resource, records::add);
                export.put(resource, records);
            });
            return null;
        });
        return export;
    }

    private static Map<String, ?> single(List<Map<String, ?>> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }
}
