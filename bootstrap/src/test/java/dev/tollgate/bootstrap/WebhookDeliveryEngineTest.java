package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.domain.AttemptResult;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The delivery engine against real receivers (ADR 0048): deliveries are queued as the outbox consumers queue them and
 * the running worker claims, signs, sends and records them. What a receiver's answer does to the delivery and to its
 * endpoint, how secrets rest in the database, and what the engine publishes to {@code /metrics}.
 */
@MicronautTest(transactional = false)
class WebhookDeliveryEngineTest extends HttpTest {
    static final String SECRET = "webhook-engine-secret";
    @Inject
    DeliveryStore deliveries;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.retry-delays", "50ms");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        properties.put("tollgate.webhooks.request-timeout", "1s");
        return properties;
    }

    /** A php-tenant webhook of {@code account} aimed at {@code sink}, with {@code maxAttempts} attempts per delivery. */
    long endpoint(Account account, WebhookSink sink, int maxAttempts) {
        long id = http.post("/api/entitlement-webhooks", """
                {"name":"Engine","url":"%s","events":["limit_warning"]}""".formatted(sink.url()), account.cookie()).expect(201)
                .json().get("webhook").get("id").asLong();
        http.put("/api/entitlement-webhooks/" + id, "{\"max_attempts\":%d}".formatted(maxAttempts), account.cookie()).expect(200);
        return id;
    }

    /** Queues one event for the endpoint, due now, as the outbox consumers do; the running worker sends it. */
    void enqueue(long endpoint) {
        String id = UUID.randomUUID().toString();
        deliveries.enqueue(List.of(new NewDelivery(endpoint, id, "engine-test:" + id, "limit_warning",
                Map.of("id", id, "event", "limit_warning"), null)));
    }

    /** The endpoint's only delivery once it is final (no longer pending), as php-tenant lists it. */
    JsonNode finalDelivery(Account account, long endpoint) {
        JsonNode[] last = new JsonNode[1];
        WebhookTests.await("the delivery to end", () -> {
            JsonNode data = http.get("/api/entitlement-webhooks/" + endpoint + "/deliveries", account.cookie()).expect(200)
                    .conformsTo(PHP_TENANT).json().get("data");
            last[0] = data.size() == 1 ? data.get(0) : null;
            return last[0] != null && !last[0].get("status").asText().equals("pending");
        });
        return last[0];
    }

    List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The attempts of the endpoint's deliveries, oldest first. */
    List<Map<String, Object>> attempts(long endpoint) {
        return rows("""
                SELECT a.number, a.status_code, a.body, a.error FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id
                WHERE d.endpoint_id = ? ORDER BY d.id, a.number""", endpoint);
    }

    @Test
    void anEndpointAnswering410IsDisabledAsGoneWithoutRetries() {
        Account ann = Accounts.signUp(http, "Ann");
        try (WebhookSink sink = new WebhookSink()) {
            sink.status.set(410);
            long id = endpoint(ann, sink, 3);
            enqueue(id);
            JsonNode delivery = finalDelivery(ann, id);
            assertEquals("failed", delivery.get("status").asText());
            assertEquals(410, delivery.get("http_status").asInt());
            assertEquals(1, delivery.get("attempts").asInt(), "410 is final: none of the three attempts is spent on retries");
            assertEquals(1, sink.received.size());

            JsonNode webhook = http.get("/api/entitlement-webhooks/" + id, ann.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("webhook");
            assertFalse(webhook.get("is_active").asBoolean(), "the endpoint stops receiving");
            Map<String, Object> row = rows("SELECT active, disabled_reason FROM webhooks.endpoints WHERE id = ?", id).get(0);
            assertEquals(false, row.get("active"));
            assertEquals("gone", row.get("disabled_reason"));
        }
    }

    @Test
    void anEndpointSlowerThanTheRequestTimeoutRecordsATimedOutAttempt() {
        Account bo = Accounts.signUp(http, "Bo");
        try (WebhookSink sink = new WebhookSink()) {
            CountDownLatch slow = new CountDownLatch(1);
            sink.hold.set(slow); // answers only when the test lets it: far past tollgate.webhooks.request-timeout
            try {
                long id = endpoint(bo, sink, 1);
                enqueue(id);
                JsonNode delivery = finalDelivery(bo, id);
                assertEquals("failed", delivery.get("status").asText());
                assertTrue(delivery.get("http_status").isNull(), "no answer came");
                assertEquals(1, sink.received.size(), "the request reached the receiver: it failed by waiting, not by connecting");
                List<Map<String, Object>> attempts = attempts(id);
                assertEquals(1, attempts.size());
                assertNull(attempts.get(0).get("status_code"));
                assertTrue(String.valueOf(attempts.get(0).get("error")).startsWith("timeout"), attempts.toString());
            } finally {
                slow.countDown();
            }
        }
    }

    @Test
    void aLongAnswerIsStoredTruncatedToTheBodyLimit() {
        Account cy = Accounts.signUp(http, "Cy");
        try (WebhookSink sink = new WebhookSink()) {
            String longAnswer = "x".repeat(AttemptResult.BODY_LIMIT * 3);
            sink.answer.set(longAnswer);
            long id = endpoint(cy, sink, 1);
            enqueue(id);
            JsonNode delivery = finalDelivery(cy, id);
            assertEquals("success", delivery.get("status").asText());
            String kept = longAnswer.substring(0, AttemptResult.BODY_LIMIT);
            assertEquals(kept, delivery.get("response").get("body").asText(), "shown as stored: the first 4096 characters");
            assertEquals(kept, rows("SELECT response FROM webhooks.deliveries WHERE endpoint_id = ?", id).get(0).get("response"));
            assertEquals(kept, attempts(id).get(0).get("body"));
        }
    }

    @Test
    void signingSecretsRestSealedNeverInPlaintext() {
        Account dee = Accounts.signUp(http, "Dee");
        try (WebhookSink sink = new WebhookSink()) {
            String own = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
            long id = http.post("/api/entitlement-webhooks", """
                    {"name":"Sealed","url":"%s","events":["limit_warning"],"secret":"%s"}""".formatted(sink.url(), own), dee.cookie())
                    .expect(201).json().get("webhook").get("id").asLong();
            // after a rotation both columns hold a secret: the new one and the one still signing during the overlap
            String fresh = http.post("/api/entitlement-webhooks/" + id + "/regenerate-secret", null, dee.cookie()).expect(200).json()
                    .get("secret").asText();
            String channelSecret = "whsec_S6g2HLnTwd9AhHwUIMFggVS9OfoPafN8";
            http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"sealed","url":"%s","signingSecret":"%s"}""".formatted(sink.url(), channelSecret), dee.auth())
                    .expect(201);

            Map<String, Object> row = rows("SELECT secret, previous_secret FROM webhooks.endpoints WHERE id = ?", id).get(0);
            String secret = (String) row.get("secret");
            String previous = (String) row.get("previous_secret");
            assertNotNull(secret);
            assertNotNull(previous);
            assertNotEquals(secret, previous);
            for (String plaintext : List.of(own, fresh, channelSecret)) {
                String key = plaintext.substring("whsec_".length());
                for (String column : new String[] {secret, previous}) {
                    assertFalse(column.contains(key), "a sealed column holds no plaintext secret");
                }
                // nor does any column of any endpoint (the OpenMeter channel's included)
                assertEquals(0L, rows("SELECT count(*) AS n FROM webhooks.endpoints e WHERE strpos(e::text, ?) > 0", key).get(0).get("n"),
                        "no endpoint row holds " + plaintext);
            }
            // sealed, yet the engine still signs with the plaintext: the receiver verifies with the secret it was shown
            http.post("/api/entitlement-webhooks/" + id + "/test", null, dee.cookie()).expect(200);
            WebhookSink.Received test = sink.received.get(sink.received.size() - 1);
            assertDoesNotThrow(() -> new Webhook(fresh).verify(test.body(), test.headers()));
        }
    }

    @Test
    void theScrapeCarriesTheEnginesSeries() {
        Account eli = Accounts.signUp(http, "Eli");
        try (WebhookSink sink = new WebhookSink()) {
            long id = endpoint(eli, sink, 1);
            enqueue(id);
            assertEquals("success", finalDelivery(eli, id).get("status").asText());
            String[] scrape = new String[1];
            WebhookTests.await("the delivered attempt counted", () -> {
                scrape[0] = http.get("/metrics", "X-Internal-Secret", SECRET).expect(200).body();
                return value(scrape[0], "tollgate_webhooks_attempts_total", "outcome=\"delivered\"") >= 1;
            });
            String metrics = scrape[0];
            assertTrue(value(metrics, "tollgate_webhooks_attempts_total", "outcome=\"failed\"") >= 0, metrics);
            assertTrue(value(metrics, "tollgate_webhooks_queue_due", "") >= 0, metrics);
            assertTrue(value(metrics, "tollgate_webhooks_queue_oldest_seconds", "") >= 0, metrics);
            assertTrue(value(metrics, "tollgate_webhooks_in_flight", "") >= 0, metrics);
        }
    }

    /** The value of the series {@code name} whose labels contain {@code label}; -1 when the scrape has none. */
    private static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
