package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's billing profiles and customer overrides over real HTTP, validated against openmeter.yaml: the sandbox
 * and default profile a namespace starts with, one default moved atomically, the delete guards, the workflow's
 * defaults and rules, and the terms invoicing resolves for a customer.
 */
@MicronautTest(transactional = false)
class OpenMeterBillingProfilesContractTest extends HttpTest {
    static final String SUPPLIER = """
            {"name":"Acme Billing Ltd","key":"acme","taxId":{"code":"GB123"},"addresses":[{"country":"GB","city":"London","line1":"1 Road"}]}""";

    @Inject
    ResolveInvoicingTermsUseCase terms;
    @Inject
    TenancyApi tenancy;
    Accounts.Account account;

    @BeforeEach
    void namespace() {
        account = Accounts.signUp(http, "Billing");
    }

    private String[] auth() {
        return account.auth();
    }

    private JsonNode get(String path) {
        return http.get(path, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    private JsonNode send(String method, String path, String body, int status) {
        return http.send(method, path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    private String problem(String method, String path, String body, int status) {
        return http.send(method, path, body, auth()).expect(status).conformsTo(OPENMETER).body();
    }

    private static String profile(String name, boolean isDefault, String appId, String workflow) {
        return "{\"name\":\"" + name + "\",\"supplier\":" + SUPPLIER + ",\"default\":" + isDefault + ",\"workflow\":" + workflow
                + ",\"apps\":{\"tax\":\"" + appId + "\",\"invoicing\":\"" + appId + "\",\"payment\":\"" + appId + "\"}}";
    }

    private String customer(String key, String name, String email) {
        return send("POST", "/api/v1/customers", "{\"name\":\"" + name + "\",\"key\":\"" + key + "\",\"primaryEmail\":\"" + email + "\"}", 201)
                .get("id").asText();
    }

    private UUID namespaceId() {
        return tenancy.findOrganization(account.orgId()).orElseThrow().id();
    }

    @Test
    void aNamespaceStartsWithASandboxAndADefaultProfileWithOpenMetersWorkflowDefaults() {
        JsonNode list = get("/api/v1/billing/profiles");
        assertEquals(1, list.get("totalCount").asInt());
        JsonNode profile = list.get("items").get(0);
        assertTrue(profile.get("default").asBoolean());
        JsonNode w = profile.get("workflow");
        assertEquals("subscription", w.at("/collection/alignment/type").asText());
        assertEquals("PT1H", w.at("/collection/interval").asText());
        assertTrue(w.at("/invoicing/autoAdvance").asBoolean());
        assertEquals("P0D", w.at("/invoicing/draftPeriod").asText());
        assertEquals("P30D", w.at("/invoicing/dueAfter").asText());
        assertTrue(w.at("/invoicing/progressiveBilling").asBoolean());
        assertEquals("charge_automatically", w.at("/payment/collectionMethod").asText());
        assertTrue(w.at("/tax/enabled").asBoolean());
        assertFalse(w.at("/tax/enforced").asBoolean());
        String sandbox = profile.at("/apps/tax/id").asText();
        assertEquals(sandbox, profile.at("/apps/invoicing/id").asText());
        assertFalse(profile.at("/apps/tax").has("type"), "without expand the apps are references");

        JsonNode expanded = get("/api/v1/billing/profiles/" + profile.get("id").asText() + "?expand=apps");
        assertEquals("sandbox", expanded.at("/apps/payment/type").asText());
        assertEquals("Sandbox", expanded.at("/apps/payment/name").asText());
        assertEquals(3, expanded.at("/apps/payment/listing/capabilities").size());
        JsonNode apps = get("/api/v1/apps");
        assertEquals(1, apps.get("totalCount").asInt());
        assertEquals(sandbox, apps.at("/items/0/id").asText());
        assertEquals(1, get("/api/v1/billing/profiles").get("totalCount").asInt(), "set-up happens once");
        // A namespace always has its default: only a page past the end is an empty list, and it is written as [].
        JsonNode pastTheEnd = get("/api/v1/billing/profiles?page=2");
        assertEquals(1, pastTheEnd.get("totalCount").asInt());
        assertTrue(pastTheEnd.get("items").isArray() && pastTheEnd.get("items").isEmpty());
    }

    @Test
    void concurrentFirstRequestsSetTheNamespaceUpOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = i % 2 == 0 ? "/api/v1/billing/profiles" : "/api/v1/apps";
                answers.add(pool.submit(() -> http.get(path, auth()).status()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, get("/api/v1/billing/profiles").get("totalCount").asInt());
        assertEquals(1, get("/api/v1/apps").get("totalCount").asInt());
    }

    @Test
    void theDefaultMovesAtomicallyAndTheGuardsKeepOneLiveDefault() {
        JsonNode first = get("/api/v1/billing/profiles").get("items").get(0);
        String firstId = first.get("id").asText();
        String sandbox = first.at("/apps/tax/id").asText();
        JsonNode second = send("POST", "/api/v1/billing/profiles", profile("Second", true, sandbox,
                "{\"invoicing\":{\"dueAfter\":\"P14D\",\"defaultTaxConfig\":{\"behavior\":\"exclusive\",\"stripe\":{\"code\":\"txcd_10000000\"}}},"
                        + "\"payment\":{\"collectionMethod\":\"send_invoice\"},"
                        + "\"collection\":{\"alignment\":{\"type\":\"anchored\",\"recurringPeriod\":{\"interval\":\"P1M\",\"anchor\":\"2026-01-01T00:00:00Z\"}}}}"),
                201);
        String secondId = second.get("id").asText();
        assertTrue(second.get("default").asBoolean());
        assertEquals("P14D", second.at("/workflow/invoicing/dueAfter").asText());
        assertEquals("P0D", second.at("/workflow/invoicing/draftPeriod").asText(), "unset settings take their defaults");
        assertEquals("anchored", second.at("/workflow/collection/alignment/type").asText());
        assertEquals("GB", second.at("/supplier/addresses/0/country").asText());
        assertFalse(get("/api/v1/billing/profiles/" + firstId).get("default").asBoolean(), "the old default gave way");

        assertTrue(problem("PUT", "/api/v1/billing/profiles/" + secondId, update("Second", false), 400).contains("cannot stop being the default"));
        assertTrue(problem("DELETE", "/api/v1/billing/profiles/" + secondId, null, 400).contains("default billing profile cannot be deleted"));
        JsonNode back = send("PUT", "/api/v1/billing/profiles/" + firstId, update("First again", true), 200);
        assertTrue(back.get("default").asBoolean());
        assertEquals("First again", back.get("name").asText());
        assertEquals(sandbox, back.at("/apps/tax/id").asText(), "an update keeps the apps");
        JsonNode ordered = get("/api/v1/billing/profiles?orderBy=default&order=DESC");
        assertEquals(firstId, ordered.at("/items/0/id").asText());
        assertFalse(ordered.at("/items/1/default").asBoolean());

        // Pinned by an override: not deletable until the override goes.
        String customer = customer("pinned", "Pinned Co", "billing@pinned.test");
        send("PUT", "/api/v1/billing/customers/" + customer, "{\"billingProfileId\":\"" + secondId + "\"}", 200);
        assertTrue(problem("DELETE", "/api/v1/billing/profiles/" + secondId, null, 400).contains("pinned to 1 customer"));
        http.delete("/api/v1/billing/customers/" + customer, auth()).expect(204).conformsTo(OPENMETER);
        // A deleted customer's override pins nothing any more.
        String gone = customer("gone", "Gone Co", "billing@gone.test");
        send("PUT", "/api/v1/billing/customers/" + gone, "{\"billingProfileId\":\"" + secondId + "\"}", 200);
        http.delete("/api/v1/customers/" + gone, auth()).expect(204).conformsTo(OPENMETER);
        http.delete("/api/v1/billing/profiles/" + secondId, auth()).expect(204).conformsTo(OPENMETER);
        assertEquals(1, get("/api/v1/billing/profiles").get("totalCount").asInt());
        assertEquals(2, get("/api/v1/billing/profiles?includeArchived=true").get("totalCount").asInt());
        assertTrue(get("/api/v1/billing/profiles/" + secondId).has("deletedAt"));
        assertTrue(problem("DELETE", "/api/v1/billing/profiles/" + secondId, null, 400).contains("already deleted"));
        assertEquals(1, get("/api/v1/billing/profiles?page=2&pageSize=1&includeArchived=true").get("items").size());
    }

    private static String update(String name, boolean isDefault) {
        return "{\"name\":\"" + name + "\",\"supplier\":" + SUPPLIER + ",\"default\":" + isDefault + ",\"workflow\":{}}";
    }

    @Test
    void badWorkflowsSuppliersAndAppsAreReportedFieldByField() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        String body = problem("POST", "/api/v1/billing/profiles", profile("Bad", false, sandbox,
                "{\"collection\":{\"interval\":\"1 hour\"},\"invoicing\":{\"dueAfter\":\"P30X\"},\"payment\":{\"collectionMethod\":\"cash\"},"
                        + "\"tax\":{\"enabled\":false,\"enforced\":true}}"), 400);
        for (String field : List.of("workflow/collection/interval", "workflow/invoicing/dueAfter", "workflow/payment/collectionMethod",
                "workflow/tax/enforced")) {
            assertTrue(body.contains(field), field + " in " + body);
        }
        assertTrue(problem("POST", "/api/v1/billing/profiles", profile("Bad", false, sandbox,
                "{\"collection\":{\"alignment\":{\"type\":\"anchored\"}}}"), 400).contains("recurringPeriod"));
        assertTrue(problem("POST", "/api/v1/billing/profiles", profile("Bad", false, "01JZZZZZZZZZZZZZZZZZZZZZZZ", "{}"), 400)
                .contains("is not installed"));
        assertTrue(problem("POST", "/api/v1/billing/profiles", profile("Bad", false, sandbox, "{}").replace("\"GB\"", "\"gb\""), 400)
                .contains("supplier/addresses/0/country"));
        assertTrue(problem("GET", "/api/v1/billing/profiles?orderBy=color", null, 400).contains("orderBy"));
        assertTrue(problem("GET", "/api/v1/billing/profiles?expand=everything", null, 400).contains("expand"));
        http.get("/api/v1/billing/profiles/01JZZZZZZZZZZZZZZZZZZZZZZZ", auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/billing/profiles", new String[0]).expect(401).conformsTo(OPENMETER);
    }

    @Test
    void overridesPinCustomersAndListingsJoinEveryCustomerWithTheProfileInEffect() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        String defaultId = get("/api/v1/billing/profiles").at("/items/0/id").asText();
        String other = send("POST", "/api/v1/billing/profiles", profile("Enterprise", false, sandbox, "{\"invoicing\":{\"dueAfter\":\"P60D\"}}"), 201)
                .get("id").asText();
        String alpha = customer("alpha", "Alpha", "ap@alpha.test");
        String beta = customer("beta", "Beta", "ap@beta.test");

        JsonNode none = get("/api/v1/billing/customers/" + alpha);
        assertFalse(none.has("customerOverride"), "no override: the default's values");
        assertEquals(defaultId, none.get("baseBillingProfileId").asText());
        assertEquals("P30D", none.at("/customerProfile/workflow/invoicing/dueAfter").asText());

        JsonNode pinned = send("PUT", "/api/v1/billing/customers/" + alpha, "{\"billingProfileId\":\"" + other + "\"}", 200);
        assertEquals(other, pinned.at("/customerOverride/billingProfileId").asText());
        assertEquals(alpha, pinned.at("/customerOverride/customerId").asText());
        assertEquals("P60D", pinned.at("/customerProfile/workflow/invoicing/dueAfter").asText());
        JsonNode expanded = get("/api/v1/billing/customers/" + alpha + "?expand=customer&expand=apps");
        assertEquals("alpha", expanded.at("/customer/key").asText());
        assertEquals("sandbox", expanded.at("/customerProfile/apps/tax/type").asText());

        assertEquals(2, get("/api/v1/billing/customers").get("totalCount").asInt(), "every customer by default");
        JsonNode onlyOverrides = get("/api/v1/billing/customers?includeAllCustomers=false");
        assertEquals(1, onlyOverrides.get("totalCount").asInt());
        assertEquals(alpha, onlyOverrides.at("/items/0/customerOverride/customerId").asText());
        assertFalse(get("/api/v1/billing/customers?customersWithoutPinnedProfile=true").at("/items/0").has("customer"),
                "the customer is only written when expanded");
        JsonNode unpinned = get("/api/v1/billing/customers?customersWithoutPinnedProfile=true&expand=customer");
        assertEquals(1, unpinned.get("totalCount").asInt());
        assertEquals(beta, unpinned.at("/items/0/customer/id").asText());
        assertEquals(1, get("/api/v1/billing/customers?billingProfile=" + defaultId).get("totalCount").asInt());
        assertEquals(1, get("/api/v1/billing/customers?billingProfile=" + other).get("totalCount").asInt());
        assertEquals(1, get("/api/v1/billing/customers?customerName=bet").get("totalCount").asInt());
        assertEquals(1, get("/api/v1/billing/customers?customerId=" + beta).get("totalCount").asInt());
        JsonNode byName = get("/api/v1/billing/customers?orderBy=customerName&order=DESC&expand=customer");
        assertEquals("Beta", byName.at("/items/0/customer/name").asText());
        assertEquals(1, get("/api/v1/billing/customers?page=2&pageSize=1").get("items").size());

        // An override without a profile follows whichever profile is the default.
        JsonNode floating = send("PUT", "/api/v1/billing/customers/" + beta, "{}", 200);
        assertFalse(floating.get("customerOverride").has("billingProfileId"));
        assertEquals(defaultId, floating.get("baseBillingProfileId").asText());
        assertTrue(problem("PUT", "/api/v1/billing/customers/" + beta, "{\"billingProfileId\":\"01JZZZZZZZZZZZZZZZZZZZZZZZ\"}", 400)
                .contains("billingProfileId"));

        http.delete("/api/v1/billing/customers/" + alpha, auth()).expect(204).conformsTo(OPENMETER);
        assertTrue(problem("DELETE", "/api/v1/billing/customers/" + alpha, null, 404).contains("no billing profile override"));
        http.get("/api/v1/billing/customers/01JZZZZZZZZZZZZZZZZZZZZZZZ", auth()).expect(404).conformsTo(OPENMETER);

        account = Accounts.signUp(http, "Other"); // another namespace sees none of it
        http.get("/api/v1/billing/customers/" + beta, auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/billing/profiles/" + other, auth()).expect(404).conformsTo(OPENMETER);
        JsonNode empty = get("/api/v1/billing/customers");
        assertEquals(0, empty.get("totalCount").asInt());
        assertEquals(0, empty.get("items").size());
    }

    @Test
    void invoicingResolvesTheOverridesProfileElseTheDefault() {
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        String defaultId = get("/api/v1/billing/profiles").at("/items/0/id").asText();
        String other = send("POST", "/api/v1/billing/profiles", profile("Net 14", false, sandbox,
                "{\"invoicing\":{\"dueAfter\":\"P14D\",\"autoAdvance\":false},\"tax\":{\"enforced\":true}}"), 201).get("id").asText();
        String customer = customer("gamma", "Gamma", "ap@gamma.test");
        UUID namespace = namespaceId();

        InvoicingTerms byDefault = terms.termsFor(namespace, customer);
        assertEquals(defaultId, byDefault.profileId());
        assertEquals("P30D", byDefault.dueAfter().text());
        assertEquals(sandbox, byDefault.invoicingAppId());

        send("PUT", "/api/v1/billing/customers/" + customer, "{\"billingProfileId\":\"" + other + "\"}", 200);
        InvoicingTerms pinned = terms.termsFor(namespace, "gamma");
        assertEquals(other, pinned.profileId());
        assertEquals("P14D", pinned.dueAfter().text());
        assertFalse(pinned.autoAdvance());
        assertTrue(pinned.taxEnforced());
        assertEquals("Acme Billing Ltd", pinned.supplier().get("name"));
        assertNull(pinned.defaultTaxConfig());
        assertThrows(NotFoundException.class, () -> terms.termsFor(namespace, "nobody"));

        // A namespace billing has never seen is set up by invoicing's first question too.
        Accounts.Account fresh = Accounts.signUp(http, "Fresh");
        account = fresh;
        String delta = customer("delta", "Delta", "ap@delta.test");
        InvoicingTerms first = terms.termsFor(tenancy.findOrganization(fresh.orgId()).orElseThrow().id(), delta);
        Set<String> apps = new HashSet<>(List.of(first.taxAppId(), first.invoicingAppId(), first.paymentAppId()));
        assertEquals(Set.of(get("/api/v1/apps").at("/items/0/id").asText()), apps);
        assertEquals(first.profileId(), get("/api/v1/billing/profiles").at("/items/0/id").asText());
    }
}
