package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A workspace's support issue reaches the operator: through the outbox to every webhook channel of the system namespace
 * (registered by the operator with OpenMeter's notification API under the internal secret), signed and delivered by the
 * webhook engine.
 */
@MicronautTest(transactional = false)
class SupportIssueOperatorNotificationTest extends HttpTest {
    static final String OPERATOR_SECRET = "support-operator-secret";
    static final String SIGNING = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
    final WebhookSink operatorInbox = new WebhookSink();
    final WebhookSink tenantsChannel = new WebhookSink();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", OPERATOR_SECRET);
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        properties.put("tollgate.outbox.poll-interval", "100ms");
        return properties;
    }

    @AfterAll
    void stopSinks() {
        operatorInbox.close();
        tenantsChannel.close();
    }

    @Test
    void filedAndAnsweredIssuesAreDeliveredToTheOperatorsChannelsOnly() throws Exception {
        http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"support inbox","url":"%s","signingSecret":"%s"}""".formatted(operatorInbox.url(), SIGNING),
                "X-Internal-Secret", OPERATOR_SECRET).expect(201);
        Account customer = Accounts.signUp(http, "NeedsHelp");
        // A tenant's own channel is its own business: the operator's mail never goes there.
        http.post("/api/v1/notification/channels", """
                {"type":"WEBHOOK","name":"mine","url":"%s","signingSecret":"%s"}""".formatted(tenantsChannel.url(), SIGNING), customer.auth())
                .expect(201);
        String issues = "/workspace/api/v1/" + customer.orgSlug() + "/support-issues";
        http.post(issues, "{\"title\":\"Replica lag\",\"description\":\"Reads are stale\",\"priority\":\"urgent\"}", customer.auth()).expect(201);
        http.post(issues + "/1/comments", "{\"comment\":\"Still stale after an hour\"}", customer.auth()).expect(200);

        PhpTenantWebhooksContractTest.await("both notifications", () -> operatorInbox.received.size() >= 2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode filed = null;
        JsonNode commented = null;
        for (WebhookSink.Received got : operatorInbox.received) {
            assertDoesNotThrow(() -> new com.standardwebhooks.Webhook(SIGNING).verify(got.body(), got.headers()));
            JsonNode body = mapper.readTree(got.body());
            assertEquals(got.header("webhook-id"), body.get("id").asText());
            if (body.get("type").asText().equals("support_issue.filed")) {
                filed = body;
            } else {
                commented = body;
            }
        }
        assertEquals(customer.orgSlug(), filed.get("data").get("workspaceSlug").asText());
        assertEquals("Replica lag", filed.get("data").get("summary").asText());
        assertEquals("urgent", filed.get("data").get("priority").asText());
        assertEquals("support_issue.commented", commented.get("type").asText());
        assertEquals("Still stale after an hour", commented.get("data").get("excerpt").asText());
        Thread.sleep(500); // the outbox and the engine had their chance to misdeliver
        assertEquals(0, tenantsChannel.received.size());
        assertEquals(2, operatorInbox.received.size(), "each once");
    }
}
