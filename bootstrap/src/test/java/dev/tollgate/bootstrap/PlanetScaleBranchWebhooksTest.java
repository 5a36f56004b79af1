package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.DataClusterPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A managed database's webhooks hear {@code branch.ready} when a branch's database exists on the data cluster
 * (ADR 0056), signed, with the branch as PlanetScale's API shows it; webhooks of other databases, or subscribed to
 * other events, hear nothing.
 */
@MicronautTest(transactional = false)
class PlanetScaleBranchWebhooksTest extends HttpTest {
    final WebhookSink sink = new WebhookSink();
    final WebhookSink otherSink = new WebhookSink();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(DataClusterPostgres.properties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        properties.put("tollgate.webhooks.poll-interval", "50ms");
        return properties;
    }

    @AfterAll
    void stopSinks() {
        sink.close();
        otherSink.close();
    }

    @Test
    void aNewBranchIsAnnouncedToItsDatabasesWebhooks() throws Exception {
        Account owner = Accounts.signUp(http, "Hooks");
        String databases = "/v1/organizations/" + owner.orgSlug() + "/databases";
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        String other = name + "-other";
        http.post(databases, "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        http.post(databases, "{\"name\":\"" + other + "\"}", owner.auth()).expect(201);
        http.post(databases + "/" + name + "/webhooks", """
                {"url":"%s","events":["branch.ready"]}""".formatted(sink.url()), owner.auth()).expect(201).conformsTo(PLANETSCALE);
        http.post(databases + "/" + other + "/webhooks", """
                {"url":"%s","events":["branch.ready"]}""".formatted(otherSink.url()), owner.auth()).expect(201);
        http.post(databases + "/" + name + "/webhooks", """
                {"url":"%s","events":["deploy_request.opened"]}""".formatted(otherSink.url()), owner.auth()).expect(201);

        http.post(databases + "/" + name + "/branches", "{\"name\":\"dev\"}", owner.auth()).expect(201);
        PhpTenantWebhooksContractTest.await("branch.ready at the sink", () -> !sink.received.isEmpty());
        WebhookSink.Received received = sink.received.get(0);
        JsonNode body = new ObjectMapper().readTree(received.body());
        assertEquals("branch.ready", body.get("event").asText());
        assertEquals(owner.orgSlug(), body.get("organization").asText());
        assertEquals(name, body.get("database").asText());
        assertTrue(body.get("timestamp").asLong() > 0);
        JsonNode branch = body.get("resource");
        assertEquals("dev", branch.get("name").asText());
        assertEquals("main", branch.get("parent_branch").asText());
        assertTrue(branch.get("ready").asBoolean());
        assertTrue(branch.get("id").asText().startsWith("br_"));
        assertTrue(received.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("webhook-signature")), received.headers().toString());

        Thread.sleep(500); // the worker polls every 50 ms: anything wrongly queued would have been sent by now
        assertEquals(1, sink.received.size(), "once");
        assertTrue(otherSink.received.isEmpty(), "another database's webhook, and one for other events, hear nothing");
    }
}
