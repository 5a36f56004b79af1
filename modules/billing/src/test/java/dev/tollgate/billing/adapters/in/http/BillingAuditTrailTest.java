package dev.tollgate.billing.adapters.in.http;

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

/** Apps, billing profiles, customer overrides and subscriptions changed through OpenMeter's API land in the audit log. */
@MicronautTest(transactional = false)
class BillingAuditTrailTest extends HttpTest {
    private static final String SUPPLIER = """
            {"name":"Acme Billing Ltd","key":"acme","addresses":[{"country":"GB","city":"London","line1":"1 Road"}]}""";
    private static final String PLAN = """
            {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
             "rateCards":[{"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
               "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""";

    @Test
    void billingChangesAreAudited() {
        Account account = Accounts.signUp(http, "Billed");
        String sandbox = http.get("/api/v1/apps", account.auth()).expect(200).json().at("/items/0/id").asText();
        String custom = http.post("/api/v1/marketplace/listings/custom_invoicing/install", "{\"createBillingProfile\":false}", account.auth())
                .expect(200).json().at("/app/id").asText();
        http.put("/api/v1/apps/" + custom, """
                {"type":"custom_invoicing","name":"ERP bridge","enableDraftSyncHook":true,"enableIssuingSyncHook":false}""", account.auth())
                .expect(200);
        String profile = http.post("/api/v1/billing/profiles", "{\"name\":\"Second\",\"supplier\":" + SUPPLIER + ",\"default\":false,"
                + "\"workflow\":{},\"apps\":{\"tax\":\"" + sandbox + "\",\"invoicing\":\"" + sandbox + "\",\"payment\":\"" + sandbox + "\"}}",
                account.auth()).expect(201).json().get("id").asText();
        http.put("/api/v1/billing/profiles/" + profile, "{\"name\":\"Second renamed\",\"supplier\":" + SUPPLIER + ",\"default\":false,"
                + "\"workflow\":{}}", account.auth()).expect(200);
        String customer = http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}",
                account.auth()).expect(201).json().get("id").asText();
        http.put("/api/v1/billing/customers/" + customer, "{\"billingProfileId\":\"" + profile + "\"}", account.auth()).expect(200);
        http.delete("/api/v1/billing/customers/" + customer, account.auth()).expect(204);
        http.delete("/api/v1/billing/profiles/" + profile, account.auth()).expect(204);
        http.delete("/api/v1/apps/" + custom, account.auth()).expect(204);
        String plan = http.post("/api/v1/plans", PLAN, account.auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans/" + plan + "/publish", "", account.auth()).expect(200);
        String subscription = http.post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", account.auth())
                .expect(201).json().get("id").asText();
        http.post("/api/v1/subscriptions/" + subscription + "/cancel", "{\"timing\":\"immediate\"}", account.auth()).expect(200);

        String body = http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).body();
        assertFalse(body.contains("correct horse battery"), "no password in the log");
        JsonNode entries = ours(http.get("/workspace/api/v1/" + account.orgSlug() + "/audit/activity", account.auth()).expect(200).json()
                .get("entries"));
        assertEquals(List.of("subscription.canceled", "subscription.created", "app.uninstalled", "billing_profile.deleted",
                "customer_override.deleted", "customer_override.created", "billing_profile.updated", "billing_profile.created", "app.updated",
                "app.installed"), types(entries), entries.toString());
        assertEquals(subscription, entries.get(0).get("resourceId").asText());
        assertEquals("pro", entries.get(1).get("after").get("plan_key").asText());
        assertEquals(custom, entries.get(2).get("resourceId").asText());
        assertEquals(customer, entries.get(5).get("resourceId").asText());
        assertEquals(profile, entries.get(5).get("after").get("billing_profile_id").asText());
        assertEquals("Second", entries.get(6).get("before").get("name").asText());
        assertEquals("Second renamed", entries.get(6).get("after").get("name").asText());
        assertEquals("ERP bridge", entries.get(8).get("after").get("name").asText());
        assertEquals("custom_invoicing", entries.get(9).get("after").get("type").asText());
    }

    /** Billing's entries only: signing up and the catalog wrote their own. */
    private static JsonNode ours(JsonNode entries) {
        ArrayNode ours = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> {
            if (List.of("app", "billing_profile", "customer_override", "subscription").contains(e.get("resourceType").asText())) {
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
