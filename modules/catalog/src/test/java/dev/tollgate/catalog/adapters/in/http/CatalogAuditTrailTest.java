package dev.tollgate.catalog.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's changes made through OpenMeter's API land in the organization's audit log, newest first. */
@MicronautTest(transactional = false)
class CatalogAuditTrailTest extends HttpTest {
    private static final String PLAN = """
            {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
             "rateCards":[{"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
               "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""";
    private static final String ADDON = """
            {"key":"seats","name":"Extra seats","instanceType":"multiple","currency":"USD","rateCards":[
              {"type":"flat_fee","key":"seat","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"15"}}]}""";

    @Test
    void featuresPlansAndAddOnsAreAudited() {
        Account account = Accounts.signUp(http, "Catalog");
        String featureId = http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", account.auth()).expect(201).json()
                .get("id").asText();
        String planId = http.post("/api/v1/plans", PLAN, account.auth()).expect(201).json().get("id").asText();
        http.put("/api/v1/plans/" + planId, PLAN.replace("\"name\":\"Pro\"", "\"name\":\"Pro two\""), account.auth()).expect(200);
        String addonId = http.post("/api/v1/addons", ADDON, account.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/addons/" + addonId + "/publish", "", account.auth()).expect(200);
        http.post("/api/v1/plans/" + planId + "/addons", "{\"addonId\":\"" + addonId + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}",
                account.auth()).expect(201);
        http.post("/api/v1/plans/" + planId + "/publish", "", account.auth()).expect(200);
        http.post("/api/v1/plans/" + planId + "/archive", "", account.auth()).expect(200);
        http.delete("/api/v1/features/" + featureId, account.auth()).expect(204);

        JsonNode entries = catalogEntries(activity(account));
        assertEquals(List.of("feature.archived", "plan.archived", "plan.published", "plan_addon.created", "addon.published", "addon.created",
                "plan.updated", "plan.created", "feature.created"), types(entries), entries.toString());
        JsonNode published = entries.get(2);
        assertEquals("plan", published.get("resourceType").asText());
        assertEquals(planId, published.get("resourceId").asText());
        assertEquals("Plan 'Pro two' (pro v1) published", published.get("summary").asText());
        JsonNode updated = entries.get(6);
        assertEquals("Pro", updated.get("before").get("name").asText());
        assertEquals("Pro two", updated.get("after").get("name").asText());
        assertEquals(featureId, entries.get(8).get("resourceId").asText());
        assertTrue(entries.get(8).get("actorId").asText().length() > 0);
    }

    private JsonNode activity(Account account) {
        return http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).json().get("entries");
    }

    /** The catalog's entries only: signing up wrote tenancy's own. */
    private static JsonNode catalogEntries(JsonNode entries) {
        com.fasterxml.jackson.databind.node.ArrayNode catalog = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> {
            if (List.of("feature", "plan", "addon", "plan_addon").contains(e.get("resourceType").asText())) {
                catalog.add(e);
            }
        });
        return catalog;
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(e -> {
            types.add(e.get("type").asText());
        });
        return types;
    }
}
