package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoicePayParams;
import dev.tollgate.billing.adapters.in.schedule.ScheduledReconciliation;
import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase;
import dev.tollgate.billing.application.port.in.SyncStripeInvoicesUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PgBeam's GetBillingHealth and TriggerReconcile (ADR 0043) over real HTTP against FakeStripe, every answer validated
 * against its document. The platform's Stripe account is a Stripe app the operator installs in the system namespace;
 * drift is made the way it happens: Stripe settles an invoice while its webhook is lost, or deletes a customer.
 * Tollgate's background Stripe workers are parked (an hour's delay) and driven by the test, so nothing races it.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBeamBillingReconciliationContractTest extends HttpTest {
    private static final String SECRET = "reconcile-secret";
    private static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeStripe fake = FakeStripe.builder().webhookRetries(6, Duration.ofMillis(50)).start();
    private final int port = FreePorts.any();
    private final StripeClient stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
    @Inject
    SyncStripeInvoicesUseCase invoiceSync;
    @Inject
    ReceiveStripeEventsUseCase stripeEvents;
    @Inject
    ApplicationContext context;
    @Inject
    TransactionOperations<Connection> transactions;
    private String platformAppId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.billing.stripe-invoice-worker-delay", "1h");
        properties.put("tollgate.billing.stripe-event-worker-delay", "1h");
        return properties;
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    private JsonNode reconcile() {
        return http.post("/v1/internal/reconcile", null, OPERATOR).expect(200).conformsTo(PGBEAM).json();
    }

    private Map<String, Long> health() {
        JsonNode entries = http.get("/v1/internal/billing-health", OPERATOR).expect(200).conformsTo(PGBEAM).json().get("entries");
        Map<String, Long> counts = new HashMap<>();
        entries.forEach(e -> counts.put(e.get("plan").asText() + "/" + e.get("billing_provider").asText() + "/"
                + e.get("subscription_status").asText(), e.get("org_count").asLong()));
        return counts;
    }

    /** The platform's Stripe account: the Stripe app installed by the operator in the system namespace (once per class). */
    private String platformApp() {
        if (platformAppId == null) {
            platformAppId = http.post("/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"" + fake.secretKey() + "\"}", OPERATOR)
                    .expect(200).conformsTo(OPENMETER).json().at("/app/id").asText();
        }
        return platformAppId;
    }

    /** An organization's system-namespace customer id (every organization is one). */
    private String customerOf(Accounts.Account organization) {
        return http.get("/api/v1/customers/" + organization.orgId(), OPERATOR).expect(200).conformsTo(OPENMETER).json().get("id").asText();
    }

    private JsonNode invoice(String invoiceId) {
        return http.get("/api/v1/billing/invoices/" + invoiceId, OPERATOR).expect(200).conformsTo(OPENMETER).json();
    }

    /** A 100 USD invoice of the organization, synced to the platform's Stripe account and waiting for its payment. */
    private String stripeInvoiceAwaitingPayment(Accounts.Account organization) {
        String customerId = customerOf(organization);
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        http.post("/api/v1/billing/customers/" + customerId + "/invoices/pending-lines", """
                {"currency":"USD","lines":[{"name":"Support","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                 "rateCard":{"price":{"type":"flat","amount":"100"}}}]}""".formatted(from, from.plus(1, ChronoUnit.DAYS), from), OPERATOR)
                .expect(201).conformsTo(OPENMETER);
        String invoiceId = http.post("/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", OPERATOR)
                .expect(201).conformsTo(OPENMETER).json().get(0).get("id").asText();
        for (int round = 0; round < 5 && !"payment_processing.pending".equals(extendedStatus(invoiceId)); round++) {
            invoiceSync.syncWaiting(50); // draft sync, then issuing sync: what the parked worker would do
        }
        assertEquals("payment_processing.pending", extendedStatus(invoiceId));
        return invoiceId;
    }

    private String extendedStatus(String invoiceId) {
        return invoice(invoiceId).at("/statusDetails/extendedStatus").asText();
    }

    private String stripeInvoiceOf(String invoiceId) {
        return invoice(invoiceId).at("/externalIds/invoicing").asText();
    }

    private String outcomeOf(String eventId) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement("SELECT outcome FROM billing.stripe_events WHERE event_id = ?")) {
                statement.setString(1, eventId);
                try (var rows = statement.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(1)
    void withoutAPlatformStripeAccountReconcileIs503AndBothOperationsNeedTheSecret() {
        TestHttp.Exchange unconfigured = http.post("/v1/internal/reconcile", null, OPERATOR).expect(503).conformsTo(PGBEAM);
        assertEquals("stripe_not_configured", unconfigured.json().at("/error/code").asText());
        assertTrue(unconfigured.json().at("/error/message").asText().contains("install the Stripe app in the system namespace"), unconfigured.body());

        http.post("/v1/internal/reconcile", null).expect(401).conformsTo(PGBEAM);
        http.post("/v1/internal/reconcile", null, "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        Accounts.Account member = Accounts.signUp(http, "Member");
        http.post("/v1/internal/reconcile", null, member.auth()).expect(401).conformsTo(PGBEAM);
        http.get("/v1/internal/billing-health").expect(401).conformsTo(PGBEAM);
        http.get("/v1/internal/billing-health", "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        http.get("/v1/internal/billing-health", member.auth()).expect(401).conformsTo(PGBEAM);
        // Body-less: whatever Content-Type a client declares, the operation is judged, not the header.
        http.send("POST", "/v1/internal/reconcile", null, "X-Internal-Secret", SECRET, "Content-Type", "text/plain").expect(503)
                .conformsTo(PGBEAM);
    }

    @Test
    @Order(2)
    void billingHealthCountsOrganizationsPerTierProviderAndStatus() {
        Map<String, Long> before = health();
        Accounts.Account onPro = Accounts.signUp(http, "Pro");
        Accounts.Account onEnterprise = Accounts.signUp(http, "Enterprise");
        Accounts.Account onStarter = Accounts.signUp(http, "Starter");
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"" + onPro.orgId() + "\",\"plan\":\"pro\",\"status\":\"past_due\"}", OPERATOR)
                .expect(200).conformsTo(PGBEAM);
        http.post("/v1/internal/enterprise-plan", "{\"org_id\":\"" + onEnterprise.orgId() + "\",\"billing_provider\":\"manual\"}", OPERATOR)
                .expect(200).conformsTo(PGBEAM);
        assertEquals("starter", http.get("/v1/organizations/" + onStarter.orgId() + "/plan", onStarter.auth()).expect(200).json().get("plan").asText());

        Map<String, Long> after = health();
        Map<String, Long> expected = new HashMap<>(before);
        expected.merge("pro/stripe/past_due", 1L, Long::sum);
        expected.merge("enterprise/manual/none", 1L, Long::sum);
        expected.merge("starter/none/none", 1L, Long::sum);
        assertEquals(expected, after, "each new organization counted once, in its own segment");

        // Deterministic: the same data answers the same body, tiers cheapest first.
        String body = http.get("/v1/internal/billing-health", OPERATOR).expect(200).body();
        assertEquals(body, http.get("/v1/internal/billing-health", OPERATOR).expect(200).body());
        List<String> plans = new java.util.ArrayList<>();
        http.get("/v1/internal/billing-health", OPERATOR).json().get("entries").forEach(e -> plans.add(e.get("plan").asText()));
        List<String> sorted = plans.stream().sorted(java.util.Comparator.comparingInt(List.of("starter", "pro", "scale", "enterprise")::indexOf)).toList();
        assertEquals(sorted, plans);
    }

    @Test
    @Order(3)
    void aPaymentWhoseWebhookWasLostIsRepairedOnceAndTheLateWebhookChangesNothing() throws Exception {
        platformApp();
        Accounts.Account organization = Accounts.signUp(http, "Drift");
        String invoiceId = stripeInvoiceAwaitingPayment(organization);
        assertEquals(0, reconcile().get("orgs_updated").asInt(), "Tollgate and Stripe agree: nothing to repair");

        // Stripe collects the invoice, but its webhook never arrives.
        fake.loseWebhooks(true);
        String stripeInvoiceId = stripeInvoiceOf(invoiceId);
        stripe.v1().invoices().pay(stripeInvoiceId, InvoicePayParams.builder().setPaidOutOfBand(true).build());
        assertEquals("paid", stripe.v1().invoices().retrieve(stripeInvoiceId).getStatus());
        assertEquals("payment_processing.pending", extendedStatus(invoiceId), "Tollgate never heard of it");

        // Two reconciliations at once: the invoice is paid once, and counted by one of them.
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(this::reconcile);
        CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(this::reconcile);
        JsonNode a = first.get();
        JsonNode b = second.get();
        assertEquals("completed", a.get("status").asText());
        assertEquals(1, a.get("orgs_updated").asInt() + b.get("orgs_updated").asInt(), a + " " + b);
        assertTrue(a.get("orgs_checked").asInt() >= 1);
        assertEquals("paid", invoice(invoiceId).get("status").asText());
        JsonNode again = reconcile();
        assertEquals(0, again.get("orgs_updated").asInt(), "idempotent: " + again);

        // The webhook turns up late (Stripe retries for days): the worker finds the invoice paid and leaves it.
        fake.loseWebhooks(false);
        String late = fake.sendEvent("invoice.paid", JSON.valueToTree(Map.of("id", stripeInvoiceId, "object", "invoice", "status", "paid",
                "metadata", Map.of("om_invoice_id", invoiceId, "om_namespace", "00000000000000000000000000"))));
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        stripeEvents.processDue(Instant.now(), 50);
        assertEquals("ignored: invoice already paid", outcomeOf(late));
        assertEquals("paid", invoice(invoiceId).get("status").asText());
    }

    @Test
    @Order(4)
    void aStripeCustomerDeletedOnStripeIsForgotten() throws Exception {
        String app = platformApp();
        Accounts.Account organization = Accounts.signUp(http, "Gone");
        String customerId = customerOf(organization);
        String stripeCustomer = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Gone Inc").build()).getId();
        http.put("/api/v1/customers/" + customerId + "/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer + "\"}", OPERATOR)
                .expect(200).conformsTo(OPENMETER);
        assertEquals(0, reconcile().get("orgs_updated").asInt(), "the customer still exists on Stripe");

        stripe.v1().customers().delete(stripeCustomer);
        JsonNode repaired = reconcile();
        assertEquals(1, repaired.get("orgs_updated").asInt(), repaired.toString());
        http.get("/api/v1/customers/" + customerId + "/stripe", OPERATOR).expect(404).conformsTo(OPENMETER);
        assertEquals(0, reconcile().get("orgs_updated").asInt());
        assertTrue(app.length() > 0);
    }

    @Test
    @Order(5)
    void theScheduledRoundRepairsAVoidedInvoice() throws Exception {
        platformApp();
        String invoiceId = stripeInvoiceAwaitingPayment(Accounts.signUp(http, "Voided"));
        fake.loseWebhooks(true);
        try {
            stripe.v1().invoices().voidInvoice(stripeInvoiceOf(invoiceId));
        } finally {
            fake.loseWebhooks(false);
        }
        assertEquals("payment_processing.pending", extendedStatus(invoiceId));

        ScheduledReconciliation.runOnce(context);
        assertEquals("voided", extendedStatus(invoiceId));
        ScheduledReconciliation.runOnce(context);
        assertEquals("voided", extendedStatus(invoiceId), "a second round changes nothing");
        assertEquals(0, reconcile().get("orgs_updated").asInt());
    }

    @Test
    @Order(6)
    void reconcileIs503WhileStripeCannotBeReached() {
        platformApp();
        fake.outage(true);
        try {
            TestHttp.Exchange down = http.post("/v1/internal/reconcile", null, OPERATOR).expect(503).conformsTo(PGBEAM);
            assertEquals("stripe_unavailable", down.json().at("/error/code").asText());
            assertTrue(down.json().at("/error/message").asText().contains("Stripe cannot be reached"), down.body());
            ScheduledReconciliation.runOnce(context); // the schedule logs and waits for its next round
        } finally {
            fake.outage(false);
        }
        assertEquals("completed", reconcile().get("status").asText(), "back once Stripe is");
    }
}
