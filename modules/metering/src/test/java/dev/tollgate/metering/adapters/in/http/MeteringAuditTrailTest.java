package dev.tollgate.metering.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Meters, subjects and portal tokens changed through OpenMeter's API land in the organization's audit log, newest first;
 * ingesting events does not, and a portal token's secret never does.
 */
@MicronautTest(transactional = false)
class MeteringAuditTrailTest extends HttpTest {
    @Test
    void definitionsAreAuditedAndPortalTokensWithoutTheirSecret() {
        Account account = Accounts.signUp(http, "Metered");
        String meterId = http.post("/api/v1/meters", "{\"slug\":\"calls\",\"name\":\"Calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}",
                account.auth()).expect(201).json().get("id").asText();
        http.put("/api/v1/meters/calls", "{\"name\":\"API calls\"}", account.auth()).expect(200);
        http.put("/api/v1/meters/calls", "{\"name\":\"API calls\"}", account.auth()).expect(200); // changes nothing: not recorded
        http.post("/api/v1/events", """
                {"specversion":"1.0","id":"e1","source":"api","type":"call","subject":"alice"}""", account.auth()).expect(204);
        http.post("/api/v1/subjects", "[{\"key\":\"alice\",\"displayName\":\"Alice\"}]", account.auth()).expect(200);
        JsonNode token = http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"allowedMeterSlugs\":[\"calls\"]}", account.auth())
                .expect(200).json();
        String secret = token.get("token").asText();
        http.post("/api/v1/portal/tokens/invalidate", "{\"id\":\"" + token.get("id").asText() + "\"}", account.auth()).expect(204);
        http.delete("/api/v1/subjects/alice", account.auth()).expect(204);
        http.delete("/api/v1/meters/calls", account.auth()).expect(204);

        String body = http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).body();
        assertFalse(body.contains(secret), "a portal token's secret never reaches the log");
        assertFalse(body.contains("correct horse battery"), "nor a password");
        JsonNode entries = ours(http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).json()
                .get("entries"));
        assertEquals(List.of("meter.deleted", "subject.deleted", "portal_token.invalidated", "portal_token.created", "subject.created",
                "meter.updated", "meter.created"), types(entries), entries.toString());
        JsonNode updated = entries.get(5);
        assertEquals(meterId, updated.get("resourceId").asText());
        assertEquals("Calls", updated.get("before").get("name").asText());
        assertEquals("API calls", updated.get("after").get("name").asText());
        assertEquals(token.get("id").asText(), entries.get(3).get("resourceId").asText());
        assertEquals("Meter 'calls' created", entries.get(6).get("summary").asText());
    }

    /** Metering's entries only: signing up wrote tenancy's own. */
    private static JsonNode ours(JsonNode entries) {
        ArrayNode ours = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> {
            if (List.of("meter", "subject", "portal_token").contains(e.get("resourceType").asText())) {
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
