package dev.tollgate.entitlements.adapters.in.http;

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

/** Entitlements and grants changed through OpenMeter's API land in the organization's audit log, newest first. */
@MicronautTest(transactional = false)
class EntitlementsAuditTrailTest extends HttpTest {
    @Test
    void entitlementsAndGrantsAreAudited() {
        Account account = Accounts.signUp(http, "Entitled");
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", account.auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", account.auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", account.auth()).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\"]}}",
                account.auth()).expect(201);
        String base = "/api/v2/customers/acme/entitlements";
        JsonNode metered = http.post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"MONTH"},"issue":{"amount":100}}""", account.auth())
                .expect(201).json();
        String sso = http.post(base, "{\"type\":\"boolean\",\"featureKey\":\"sso\"}", account.auth()).expect(201).json().get("id").asText();
        String periodStart = metered.get("currentUsagePeriod").get("from").asText();
        String grant = http.post(base + "/api_calls/grants", "{\"amount\":50,\"priority\":5,\"effectiveAt\":\"" + periodStart + "\"}",
                account.auth()).expect(201).json().get("id").asText();
        http.delete("/api/v1/grants/" + grant, account.auth()).expect(204);
        String replacement = http.put(base + "/sso/override", "{\"type\":\"static\",\"featureKey\":\"sso\",\"config\":\"{\\\"idp\\\":\\\"okta\\\"}\"}",
                account.auth()).expect(201).json().get("id").asText();
        http.post(base + "/api_calls/reset", "{}", account.auth()).expect(204);
        http.delete(base + "/sso", account.auth()).expect(204);

        String body = http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).body();
        assertFalse(body.contains("correct horse battery"), "no password in the log");
        JsonNode entries = ours(http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).json()
                .get("entries"));
        assertEquals(List.of("entitlement.deleted", "entitlement.reset", "entitlement.overridden", "grant.voided", "grant.created",
                "entitlement.created", "entitlement.created"), types(entries), entries.toString());
        JsonNode overridden = entries.get(2);
        assertEquals(replacement, overridden.get("resourceId").asText());
        assertEquals("boolean", overridden.get("before").get("type").asText());
        assertEquals("static", overridden.get("after").get("type").asText());
        assertEquals(grant, entries.get(3).get("resourceId").asText());
        assertEquals("50", entries.get(4).get("after").get("amount").asText());
        assertEquals(sso, entries.get(5).get("resourceId").asText());
        assertEquals(metered.get("id").asText(), entries.get(6).get("resourceId").asText());
        assertEquals("Entitlement to feature 'api_calls' created for customer 'acme'", entries.get(6).get("summary").asText());
    }

    /** The entitlements module's entries only: signing up and the catalog wrote their own. */
    private static JsonNode ours(JsonNode entries) {
        ArrayNode ours = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> {
            if (List.of("entitlement", "grant").contains(e.get("resourceType").asText())) {
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
