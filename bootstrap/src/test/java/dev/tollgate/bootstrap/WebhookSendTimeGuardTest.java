package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.DestinationGuard;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The guard at send time (ADR 0048, DNS rebinding): a webhook whose host was judged public when it was saved, and
 * resolves to the loopback when Tollgate connects, gets no request. The save-time judgement is played by a stand-in
 * that approves {@code localhost} as if its name had resolved to a public address then; the client's own resolver,
 * with no allowed networks (the default), judges what the name resolves to at the connection.
 */
@MicronautTest(transactional = false)
class WebhookSendTimeGuardTest extends HttpTest {
    @Inject
    DeliveryStore deliveries;
    @Inject
    DataSource dataSource;

    @MockBean(DestinationGuard.class)
    DestinationGuard publicWhenSaved() {
        return url -> "localhost".equals(URI.create(url).getHost()) ? Optional.empty() : Optional.of("refused by the test's stand-in");
    }

    @Test
    void aNameThatResolvesToTheLoopbackAtSendTimeGetsNoRequest() throws SQLException {
        Account ann = Accounts.signUp(http, "Ann");
        try (WebhookSink sink = new WebhookSink()) {
            String url = sink.url().replace("127.0.0.1", "localhost");
            long id = http.post("/api/entitlement-webhooks", """
                    {"name":"Rebound","url":"%s","events":["limit_warning"]}""".formatted(url), ann.cookie()).expect(201)
                    .conformsTo(PHP_TENANT).json().get("webhook").get("id").asLong();
            http.put("/api/entitlement-webhooks/" + id, "{\"max_attempts\":1}", ann.cookie()).expect(200);

            // through the engine's queue
            String message = UUID.randomUUID().toString();
            deliveries.enqueue(List.of(new NewDelivery(id, message, "rebinding-test:" + message, "limit_warning",
                    Map.of("id", message, "event", "limit_warning"), null)));
            JsonNode[] delivery = new JsonNode[1];
            WebhookTests.await("the delivery to end", () -> {
                delivery[0] = http.get("/api/entitlement-webhooks/" + id + "/deliveries", ann.cookie()).expect(200).json().get("data").get(0);
                return delivery[0] != null && !delivery[0].get("status").asText().equals("pending");
            });
            assertEquals("failed", delivery[0].get("status").asText());
            assertTrue(delivery[0].get("http_status").isNull(), delivery[0].toString());

            // and through a test send, which the (stand-in) save-time guard lets through
            JsonNode sent = http.post("/api/entitlement-webhooks/" + id + "/test", null, ann.cookie()).expect(200).conformsTo(PHP_TENANT).json()
                    .get("delivery");
            assertEquals("failed", sent.get("status").asText());
            assertTrue(sent.get("http_status").isNull());

            assertTrue(sink.received.isEmpty(), "nothing reached the loopback");
            List<String> errors = errors(id);
            assertEquals(2, errors.size());
            for (String error : errors) {
                assertTrue(error.startsWith("refused: localhost resolves to"), error);
            }
        }
    }

    private List<String> errors(long endpoint) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT a.error FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ?
                ORDER BY d.id, a.number""")) {
            q.setLong(1, endpoint);
            List<String> errors = new java.util.ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    errors.add(r.getString(1));
                }
            }
            return errors;
        }
    }
}
