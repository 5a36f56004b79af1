package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 0046: organizations someone else bills (billing provider vercel, aws or manual) keep their tier invoices in
 * Tollgate, but those invoices never reach Stripe; a provider that changes to stripe moves the customer back to the
 * platform's Stripe from its next invoice on. Over real HTTP with the fake Stripe and the fake Vercel, the clocks of
 * Tollgate and of the fake moving together, beside a self-serve organization that Stripe does invoice.
 */
@MicronautTest(transactional = false)
class CollectedOutsideTollgateTest extends HttpTest {
    static final String SECRET = "outside-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    static final FakeVercel VERCEL = new FakeVercel();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicReference<Instant> stripeNow = new AtomicReference<>(Instant.now());
    private final FakeStripe fake = FakeStripe.builder().clock(new Clock() {
        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return stripeNow.get();
        }
    }).webhookRetries(6, Duration.ofMillis(50)).start();
    private final int port = FreePorts.any();
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(VERCEL.properties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.stripe.secret-key", fake.secretKey());
        properties.put("tollgate.stripe.publishable-key", "pk_test_tollgate_fake");
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.billing.platform-stripe-connect-delay", "100ms");
        properties.put("tollgate.billing.stripe-event-worker-interval", "200ms");
        properties.put("tollgate.billing.stripe-invoice-worker-delay", "200ms");
        properties.put("tollgate.billing.stripe-invoice-worker-interval", "200ms");
        properties.put("tollgate.billing.invoice-worker-delay", "200ms");
        properties.put("tollgate.billing.invoice-worker-interval", "300ms");
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    @AfterAll
    void stopFakes() {
        fake.close();
        VERCEL.close();
    }

    private void moveClocks(Duration by) {
        clock.advance(by);
        stripeNow.set(clock.instant());
    }

    @Test
    void aVercelOrganizationIsInvoicedButNotThroughStripeUntilItsProviderBecomesStripe() throws Exception {
        stripeNow.set(clock.instant());
        ProxyTraffic.priceProQueries(http, "0.01", OPERATOR); // pro without its trial: $29 in advance from the first day
        WebhookTests.await("the platform's Stripe app", () -> !fake.requests("POST", "/v1/webhook_endpoints").isEmpty());

        // beside it, a self-serve workspace on pro: Stripe invoices it (the negative below is not for want of a worker)
        Accounts.Account selfServe = Accounts.signUp(http, "SelfServe");
        http.patch("/workspace/api/v1/" + selfServe.orgSlug() + "/plan/pro", null, selfServe.auth()).expect(200).conformsTo(CENTRALI);
        String selfServeCustomer = customerId(selfServe.orgId());

        // a Vercel installation on pro: an organization billed by Vercel
        String installationId = "icfg_" + UUID.randomUUID().toString().replace("-", "");
        String email = "vercel-" + UUID.randomUUID() + "@example.com";
        String contact = http.post("/v1/auth/signup", """
                {"email":"%s","password":"correct horse battery","organization_name":"Own Inc"}""".formatted(email)).expect(201).json()
                .get("access_token").asText();
        http.put("/v1/installations/" + installationId, """
                {"scopes":["read-write:integration-resource"],"acceptedPolicies":{"toc":"2026-12-01T10:00:00Z"},
                 "credentials":{"access_token":"vercel-access","token_type":"Bearer"},
                 "account":{"name":"Billed By Vercel","url":"https://vercel.com/acme","contact":{"email":"%s","name":"Ada"}}}"""
                .formatted(email), "Authorization", "Bearer " + VERCEL.adminToken(installationId)).expect(200);
        http.patch("/v1/installations/" + installationId, "{\"billingPlanId\":\"pro\"}", "Authorization", "Bearer " + VERCEL.adminToken(installationId))
                .expect(200);
        String vercelOrg = null;
        String vercelSlug = null;
        for (JsonNode org : http.get("/v1/organizations", "Authorization", "Bearer " + contact).expect(200).json().get("data")) {
            if (org.get("display_name").asText().equals("Billed By Vercel")) {
                vercelOrg = org.get("id").asText();
                vercelSlug = org.get("name").asText();
            }
        }
        assertNotNull(vercelOrg);
        // Tollgate would collect nothing for a plan chosen in its own dashboard: Vercel sells the plans
        http.patch("/workspace/api/v1/" + vercelSlug + "/plan/scale", null, "Authorization", "Bearer " + contact).expect(400).conformsTo(CENTRALI);
        assertEquals("pro", http.get("/workspace/api/v1/" + vercelSlug + "/plan", "Authorization", "Bearer " + contact).expect(200)
                .json().get("currentPlan").asText());
        String vercelCustomer = customerId(vercelOrg);
        assertEquals(TIER_PROFILE, profileOf(vercelCustomer).get("name").asText(), "pinned to the profile nobody collects through Stripe");
        assertFalse(TIER_PROFILE.equals(profileOf(selfServeCustomer).get("name").asText()), "a self-serve sign-up follows the default");

        // the period ends; both are invoiced, only the self-serve one on Stripe
        moveClocks(Duration.ofDays(33));
        Set<String> issued = Set.of("issued", "payment_processing", "overdue", "paid", "uncollectible");
        WebhookTests.await("the self-serve invoice on Stripe and the Vercel organization's invoice issued", () ->
                !stripeInvoiceIds(selfServeCustomer).isEmpty() && invoices(vercelCustomer).stream().anyMatch(i -> issued.contains(i.get("status").asText())));
        List<JsonNode> vercelInvoices = invoices(vercelCustomer);
        for (JsonNode invoice : vercelInvoices) {
            assertFalse(invoice.path("externalIds").hasNonNull("invoicing"), "not synced to Stripe: " + invoice);
        }
        assertTrue(vercelInvoices.stream().anyMatch(i -> i.get("status").asText().equals("paid")),
                "settled inside Tollgate (the sandbox), nobody charged: " + vercelInvoices);
        assertTrue(vercelInvoices.stream().anyMatch(i -> new java.math.BigDecimal(i.get("totals").get("total").asText()).signum() > 0),
                "the pro fee is still recorded at Tollgate's price: " + vercelInvoices);
        Set<String> onStripe = stripeInvoiceOwners();
        for (JsonNode invoice : vercelInvoices) {
            assertFalse(onStripe.contains(invoice.get("id").asText()), "no Stripe invoice for " + invoice.get("id"));
        }
        assertTrue(onStripe.containsAll(stripeInvoiceIds(selfServeCustomer)));

        // the operator reports the organization billed through Stripe now: its next invoice is Stripe's
        http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"pro","status":"active","stripe_customer_id":"cus_x","stripe_subscription_id":"sub_x"}"""
                .formatted(vercelOrg), OPERATOR).expect(200).conformsTo(PGBEAM);
        assertFalse(TIER_PROFILE.equals(profileOf(vercelCustomer).get("name").asText()), "back on the default profile");
        Set<String> before = new HashSet<>();
        vercelInvoices.forEach(i -> before.add(i.get("id").asText()));
        moveClocks(Duration.ofDays(31));
        WebhookTests.await("the next invoice synced to Stripe", () -> invoices(vercelCustomer).stream()
                .anyMatch(i -> !before.contains(i.get("id").asText()) && i.path("externalIds").hasNonNull("invoicing")));
        Set<String> nowOnStripe = stripeInvoiceOwners();
        for (JsonNode invoice : invoices(vercelCustomer)) {
            boolean synced = invoice.path("externalIds").hasNonNull("invoicing");
            assertEquals(!before.contains(invoice.get("id").asText()) && synced, nowOnStripe.contains(invoice.get("id").asText()), invoice.toString());
            if (before.contains(invoice.get("id").asText())) {
                assertFalse(synced, "an invoice made while Vercel billed stays off Stripe: " + invoice);
            }
        }
    }

    @Test
    void aManualEnterpriseOrganizationIsCollectedOutsideStripeUntilItsProviderIsStripe() {
        Accounts.Account owner = Accounts.signUp(http, "Enterprise");
        String customer = customerId(owner.orgId());
        assertFalse(TIER_PROFILE.equals(profileOf(customer).get("name").asText()));

        http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"manual","max_projects":40}""".formatted(owner.orgId()), OPERATOR).expect(200).conformsTo(PGBEAM);
        JsonNode manual = profileOf(customer);
        assertEquals(TIER_PROFILE, manual.get("name").asText());
        assertEquals("sandbox", manual.get("apps").get("invoicing").get("type").asText(), manual.toString());
        assertEquals("sandbox", manual.get("apps").get("payment").get("type").asText());

        // asked again: nothing moves; then the operator bills the contract through Stripe
        http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"manual","max_projects":40}""".formatted(owner.orgId()), OPERATOR).expect(200);
        assertEquals(manual.get("id").asText(), profileOf(customer).get("id").asText());
        http.post("/v1/internal/enterprise-plan", """
                {"org_id":"%s","billing_provider":"stripe","max_projects":40}""".formatted(owner.orgId()), OPERATOR).expect(200).conformsTo(PGBEAM);
        JsonNode stripe = profileOf(customer);
        assertFalse(TIER_PROFILE.equals(stripe.get("name").asText()));
        assertTrue(stripe.get("default").asBoolean(), "follows the system namespace's default again");
    }

    static final String TIER_PROFILE = "Collected outside Tollgate";

    private String customerId(String orgId) {
        return http.get("/api/v1/customers/" + orgId, OPERATOR).expect(200).json().get("id").asText();
    }

    /** The billing profile the customer's next invoice follows, its apps expanded. */
    private JsonNode profileOf(String customerId) {
        String profileId = http.get("/api/v1/billing/customers/" + customerId, OPERATOR).expect(200).conformsTo(OPENMETER).json()
                .get("baseBillingProfileId").asText();
        return http.get("/api/v1/billing/profiles/" + profileId + "?expand=apps", OPERATOR).expect(200).conformsTo(OPENMETER).json();
    }

    private List<JsonNode> invoices(String customerId) {
        List<JsonNode> all = new ArrayList<>();
        http.get("/api/v1/billing/invoices?customers=" + customerId + "&pageSize=100", OPERATOR).expect(200).json().get("items").forEach(all::add);
        return all;
    }

    private List<String> stripeInvoiceIds(String customerId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode invoice : invoices(customerId)) {
            if (invoice.path("externalIds").hasNonNull("invoicing")) {
                ids.add(invoice.get("id").asText());
            }
        }
        return ids;
    }

    /** The Tollgate invoice ids Stripe's invoices carry. */
    private Set<String> stripeInvoiceOwners() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/invoices?limit=100"))
                .header("Authorization", "Bearer " + fake.secretKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Set<String> owners = new HashSet<>();
        for (JsonNode invoice : JSON.readTree(response.body()).get("data")) {
            owners.add(invoice.path("metadata").path("om_invoice_id").asText());
        }
        return owners;
    }
}
