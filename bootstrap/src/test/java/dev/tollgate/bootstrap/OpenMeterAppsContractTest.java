package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's marketplace, installed apps and customer app data over real HTTP, validated against openmeter.yaml:
 * the three listings, installing the two apps that need no credentials (and what becomes the default), updating and
 * uninstalling apps while profiles guard the ones they use, and what apps keep about customers.
 */
@MicronautTest(transactional = false)
class OpenMeterAppsContractTest extends HttpTest {
    Accounts.Account account;

    @BeforeEach
    void namespace() {
        account = Accounts.signUp(http, "Apps");
    }

    private JsonNode get(String path) {
        return http.get(path, account.auth()).expect(200).conformsTo(OPENMETER).json();
    }

    private JsonNode send(String method, String path, String body, int status) {
        return http.send(method, path, body, account.auth()).expect(status).conformsTo(OPENMETER).json();
    }

    private String problem(String method, String path, String body, int status) {
        return http.send(method, path, body, account.auth()).expect(status).conformsTo(OPENMETER).body();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void theMarketplaceListsStripeSandboxAndCustomInvoicingWithTheirInstallMethods() {
        JsonNode listings = get("/api/v1/marketplace/listings");
        assertEquals(3, listings.get("totalCount").asInt());
        List<String> types = new ArrayList<>();
        listings.get("items").forEach(item -> types.add(item.get("type").asText()));
        assertEquals(List.of("stripe", "sandbox", "custom_invoicing"), types);
        JsonNode stripe = get("/api/v1/marketplace/listings/stripe");
        assertEquals(List.of("with_api_key"), texts(stripe.get("installMethods")));
        assertEquals(List.of("calculateTax", "invoiceCustomers", "collectPayments"), stripe.get("capabilities").findValuesAsText("type"));
        assertEquals(List.of("no_credentials_required"), texts(get("/api/v1/marketplace/listings/custom_invoicing").get("installMethods")));
        assertEquals("sandbox_invoice_customers", get("/api/v1/marketplace/listings/sandbox").at("/capabilities/1/key").asText());
        assertEquals(1, get("/api/v1/marketplace/listings?page=2&pageSize=2").get("items").size());
        // The listings are never fewer than three: only a page past the end is an empty list, and it is written as [].
        JsonNode pastTheEnd = get("/api/v1/marketplace/listings?page=2&pageSize=3");
        assertEquals(3, pastTheEnd.get("totalCount").asInt());
        assertTrue(pastTheEnd.get("items").isArray() && pastTheEnd.get("items").isEmpty());
        http.get("/api/v1/marketplace/listings/paypal", account.auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/marketplace/listings", new String[0]).expect(401).conformsTo(OPENMETER);
    }

    @Test
    void withoutAConnectPlatformStripesOAuth2InstallIsRefusedAndPointsAtTheApiKey() {
        // No tollgate.stripe.connect-client-id here (ADR 0047): not offered, and asking is the request's 400, not a 501.
        assertTrue(problem("GET", "/api/v1/marketplace/listings/stripe/install/oauth2", null, 400).contains("install/apikey"));
        assertTrue(problem("GET", "/api/v1/marketplace/listings/stripe/install/oauth2/authorize?state=s&code=ac_x", null, 400)
                .contains("oauth2_state_invalid"));
    }

    @Test
    void installingCustomInvoicingReplacesTheSandboxDefaultAndStripeWantsAnApiKey() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        JsonNode installed = send("POST", "/api/v1/marketplace/listings/custom_invoicing/install", "{\"name\":\"Invoicer\"}", 200);
        JsonNode app = installed.get("app");
        assertEquals("custom_invoicing", app.get("type").asText());
        assertEquals("Invoicer", app.get("name").asText());
        assertEquals("ready", app.get("status").asText());
        assertFalse(app.get("enableDraftSyncHook").asBoolean());
        assertFalse(app.get("enableIssuingSyncHook").asBoolean());
        assertEquals(List.of("calculateTax", "invoiceCustomers", "collectPayments"), texts(installed.get("defaultForCapabilityTypes")));

        JsonNode profiles = get("/api/v1/billing/profiles?orderBy=default&order=DESC&expand=apps");
        assertEquals(2, profiles.get("totalCount").asInt());
        assertEquals(app.get("id").asText(), profiles.at("/items/0/apps/invoicing/id").asText(), "the new app's profile is the default");
        assertTrue(profiles.at("/items/0/default").asBoolean());
        assertEquals(sandbox, profiles.at("/items/1/apps/invoicing/id").asText());

        // A second sandbox never replaces a real default; without a profile nothing changes at all.
        assertTrue(problem("POST", "/api/v1/marketplace/listings/sandbox/install", null, 400).contains("body"), "the document requires a body");
        JsonNode second = send("POST", "/api/v1/marketplace/listings/sandbox/install", "{}", 200);
        assertEquals("Sandbox", second.at("/app/name").asText());
        assertEquals(0, second.get("defaultForCapabilityTypes").size());
        assertEquals(3, get("/api/v1/billing/profiles").get("totalCount").asInt());
        JsonNode bare = send("POST", "/api/v1/marketplace/listings/sandbox/install", "{\"name\":\"Bare\",\"createBillingProfile\":false}", 200);
        assertEquals(3, get("/api/v1/billing/profiles").get("totalCount").asInt());
        assertEquals(4, get("/api/v1/apps").get("totalCount").asInt());
        assertEquals(bare.at("/app/id").asText(), get("/api/v1/apps?page=4&pageSize=1").at("/items/0/id").asText(), "oldest first");

        assertTrue(problem("POST", "/api/v1/marketplace/listings/stripe/install", "{}", 400).contains("installs with an API key"));
        http.post("/api/v1/marketplace/listings/paypal/install", "{}", account.auth()).expect(404).conformsTo(OPENMETER);
    }

    @Test
    void appsAreUpdatedByTypeAndUninstalledOnlyWhenNoLiveProfileUsesThem() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        String custom = send("POST", "/api/v1/marketplace/listings/custom_invoicing/install", "{\"createBillingProfile\":false}", 200)
                .at("/app/id").asText();
        assertEquals("Custom Invoicing", get("/api/v1/apps/" + custom).get("name").asText());

        JsonNode updated = send("PUT", "/api/v1/apps/" + custom, """
                {"type":"custom_invoicing","name":"ERP bridge","description":"syncs to the ERP","metadata":{"erp":"sap"},
                 "enableDraftSyncHook":true,"enableIssuingSyncHook":false}""", 200);
        assertEquals("ERP bridge", updated.get("name").asText());
        assertTrue(updated.get("enableDraftSyncHook").asBoolean());
        assertFalse(updated.get("enableIssuingSyncHook").asBoolean());
        assertEquals("sap", get("/api/v1/apps/" + custom).at("/metadata/erp").asText());
        assertTrue(problem("PUT", "/api/v1/apps/" + custom, "{\"type\":\"custom_invoicing\",\"name\":\"No hooks\"}", 400)
                .contains("enableDraftSyncHook"));
        assertTrue(problem("PUT", "/api/v1/apps/" + custom, "{\"type\":\"sandbox\",\"name\":\"Sandbox now\"}", 400).contains("never changes"));
        JsonNode renamed = send("PUT", "/api/v1/apps/" + sandbox, "{\"type\":\"sandbox\",\"name\":\"Test sandbox\"}", 200);
        assertFalse(renamed.has("enableDraftSyncHook"), "a sandbox has no hooks");

        assertTrue(problem("DELETE", "/api/v1/apps/" + sandbox, null, 400).contains("used by 1 live billing profile"));
        http.delete("/api/v1/apps/" + custom, account.auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/apps/" + custom, account.auth()).expect(404).conformsTo(OPENMETER);
        http.delete("/api/v1/apps/" + custom, account.auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(1, get("/api/v1/apps").get("totalCount").asInt());
        // The default profile's app always remains: only a page past the end is an empty list, and it is written as [].
        JsonNode pastTheEnd = get("/api/v1/apps?page=2&pageSize=1");
        assertEquals(1, pastTheEnd.get("totalCount").asInt());
        assertTrue(pastTheEnd.get("items").isArray() && pastTheEnd.get("items").isEmpty());
        http.get("/api/v1/apps/01JZZZZZZZZZZZZZZZZZZZZZZZ", account.auth()).expect(404).conformsTo(OPENMETER);

        account = Accounts.signUp(http, "Other"); // another namespace sees none of it
        http.get("/api/v1/apps/" + sandbox, account.auth()).expect(404).conformsTo(OPENMETER);
    }

    @Test
    void customerAppDataKeepsSandboxLinksAndCustomInvoicingMetadata() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        String custom = send("POST", "/api/v1/marketplace/listings/custom_invoicing/install", "{\"createBillingProfile\":false}", 200)
                .at("/app/id").asText();
        String customer = send("POST", "/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\"}", 201).get("id").asText();

        JsonNode empty = get("/api/v1/customers/" + customer + "/apps");
        assertEquals(0, empty.get("totalCount").asInt());
        assertEquals(0, empty.get("items").size());

        JsonNode written = send("PUT", "/api/v1/customers/acme/apps", """
                [{"type":"sandbox"},{"type":"custom_invoicing","metadata":{"externalId":"C-42"}}]""", 200);
        assertEquals(2, written.size());
        assertEquals(sandbox, written.at("/0/id").asText(), "no id: the default profile's sandbox");
        assertFalse(written.get(0).has("metadata"));
        assertEquals(custom, written.at("/1/app/id").asText());
        assertEquals("C-42", written.at("/1/metadata/externalId").asText());
        send("PUT", "/api/v1/customers/" + customer + "/apps", "[{\"type\":\"custom_invoicing\",\"id\":\"" + custom
                + "\",\"metadata\":{\"externalId\":\"C-43\"}}]", 200);

        JsonNode listed = get("/api/v1/customers/" + customer + "/apps");
        assertEquals(2, listed.get("totalCount").asInt());
        JsonNode onlyCustom = get("/api/v1/customers/" + customer + "/apps?type=custom_invoicing");
        assertEquals(1, onlyCustom.get("totalCount").asInt());
        assertEquals("C-43", onlyCustom.at("/items/0/metadata/externalId").asText());

        assertTrue(problem("PUT", "/api/v1/customers/acme/apps", "[{\"type\":\"stripe\",\"stripeCustomerId\":\"cus_123\"}]", 400)
                .contains("no Stripe app is installed"));
        assertTrue(problem("PUT", "/api/v1/customers/acme/apps", "[{\"type\":\"custom_invoicing\",\"id\":\"" + sandbox + "\"}]", 400)
                .contains("is a sandbox app, not custom_invoicing"));
        assertTrue(problem("GET", "/api/v1/customers/acme/apps?type=paypal", null, 400).contains("type"));

        http.delete("/api/v1/customers/" + customer + "/apps/" + custom, account.auth()).expect(204).conformsTo(OPENMETER);
        assertTrue(problem("DELETE", "/api/v1/customers/" + customer + "/apps/" + custom, null, 404).contains("has no data for app"));
        assertEquals(1, get("/api/v1/customers/" + customer + "/apps").get("totalCount").asInt());
        http.get("/api/v1/customers/nobody/apps", account.auth()).expect(404).conformsTo(OPENMETER);
        http.put("/api/v1/customers/nobody/apps", "[]", account.auth()).expect(404).conformsTo(OPENMETER);
    }
}
