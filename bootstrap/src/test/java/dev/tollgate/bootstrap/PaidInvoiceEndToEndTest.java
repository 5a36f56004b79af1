package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Getting paid, end to end (issue 16) in one test, over real HTTP, the PostgreSQL wire protocol and the fake Stripe:
 * a workspace signs up, moves to pro, adds a card through a setup session, runs queries through the proxy; the period
 * ends (the clocks of Tollgate and of the fake move together); the billing engine invoices the period, the invoice is
 * synced to Stripe and finalized, Stripe collects it from the card and sends {@code invoice.paid}, and Tollgate's
 * invoice is paid — every amount compared: the queries line against the queries run, Stripe's invoice and items against
 * Tollgate's invoice and lines, the amount paid against the total.
 */
@MicronautTest(transactional = false)
class PaidInvoiceEndToEndTest extends HttpTest {
    static final String SECRET = "paid-invoice-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    static final String PASSWORD = "paid-secret";
    static final int QUERIES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fake's clock: set to Tollgate's whenever Tollgate's moves, so signatures and timestamps agree. */
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
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.stripe.secret-key", fake.secretKey());
        properties.put("tollgate.stripe.publishable-key", "pk_test_tollgate_fake");
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        properties.put("tollgate.proxy.usage-flush-interval", "1h"); // the test flushes by hand
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
    void stopFake() {
        fake.close();
    }

    private void moveClocks(Duration by) {
        clock.advance(by);
        stripeNow.set(clock.instant());
    }

    @Test
    void aWorkspaceOnProIsInvoicedChargedOnStripeAndPaid() throws Exception {
        stripeNow.set(clock.instant());
        ProxyTraffic.priceProQueries(http, "0.01", OPERATOR); // every query a cent: the queries line is exact
        Accounts.Account owner = Accounts.signUp(http, "Paying");
        String workspace = "/workspace/api/v1/" + owner.orgSlug();
        String billingKey = Accounts.apiKey(http, owner, "billing.read");

        // subscribe to pro (Centrali's plan change)
        http.patch(workspace + "/plan/pro", null, owner.auth()).expect(200).conformsTo(CENTRALI);
        assertEquals("pro", http.get(workspace + "/plan", owner.auth()).expect(200).conformsTo(CENTRALI).json().get("currentPlan").asText());

        // a card through a setup session on Stripe; the signed webhook makes it the default
        String clientSecret = http.post(workspace + "/create-setup-session", null, owner.auth()).expect(200).conformsTo(CENTRALI).json()
                .get("clientSecret").asText();
        fake.completeSetupIntent(clientSecret.substring(0, clientSecret.indexOf("_secret_")));
        WebhookTests.await("the card to become the default", () -> http.get(workspace + "/overage", owner.auth()).expect(200).json()
                .get("hasDefaultPaymentMethod").asBoolean());
        String card = http.get(workspace + "/payment-methods/default", owner.auth()).expect(200).conformsTo(CENTRALI).json()
                .get("defaultPaymentMethod").get("id").asText();

        // queries through the proxy, metered
        String projectId = http.post("/v1/projects", """
                {"name":"paid","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(owner.orgId(), UpstreamPostgres.get().getPort(), PASSWORD), owner.auth())
                .expect(201).json().get("project").get("id").asText();
        moveClocks(Duration.ofSeconds(5)); // usage counts from the subscription's start, to the second
        ProxyTraffic.selects(proxy.port(), projectId, PASSWORD, QUERIES);
        assertTrue(reporter.flush());
        // what the proxy relayed, as PgBeam's usage counts it (the driver's own start-up statements included)
        long relayed = ProxyTraffic.today(http, projectId, "queries_total", owner.auth());
        assertTrue(relayed >= QUERIES, "relayed " + relayed);

        // the period ends: a month and two days later (past the invoice's collection period)
        moveClocks(Duration.ofDays(33));
        AtomicReference<JsonNode> paid = new AtomicReference<>();
        WebhookTests.await("the period's invoice to be paid", () -> {
            for (JsonNode invoice : http.get("/api/v1/billing/invoices?expand=lines&statuses=paid", OPERATOR).expect(200).json().get("items")) {
                if (invoice.get("customer").get("key").asText().equals(owner.orgId()) && usageLine(invoice) != null) {
                    paid.set(invoice);
                    return true;
                }
            }
            return false;
        });
        JsonNode invoice = http.get("/api/v1/billing/invoices/" + paid.get().get("id").asText() + "?expand=lines", OPERATOR).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals("paid", invoice.get("status").asText());

        // the queries line: every query relayed, at a cent
        JsonNode queries = usageLine(invoice);
        assertEquals(0, new BigDecimal(relayed).compareTo(new BigDecimal(queries.get("meteredQuantity").asText())), queries.toString());
        assertEquals(0, new BigDecimal(relayed).movePointLeft(2).compareTo(new BigDecimal(queries.get("totals").get("total").asText())),
                queries.toString());

        // Stripe's invoice: Tollgate's, item for item, finalized with Tollgate's number and paid from the card
        String stripeInvoiceId = invoice.get("externalIds").get("invoicing").asText();
        JsonNode stripeInvoice = stripe("GET", "/v1/invoices/" + stripeInvoiceId);
        long total = cents(invoice.get("totals").get("total").asText());
        assertEquals("paid", stripeInvoice.get("status").asText());
        assertEquals(total, stripeInvoice.get("total").asLong());
        assertEquals(total, stripeInvoice.get("amount_paid").asLong());
        assertEquals(invoice.get("number").asText(), stripeInvoice.get("number").asText());
        assertEquals(invoice.get("id").asText(), stripeInvoice.get("metadata").get("om_invoice_id").asText());
        List<Long> items = new ArrayList<>();
        for (JsonNode item : stripe("GET", "/v1/invoices/" + stripeInvoiceId + "/lines?limit=100").get("data")) {
            items.add(item.get("amount").asLong());
        }
        List<Long> lines = new ArrayList<>();
        for (JsonNode line : invoice.get("lines")) {
            for (JsonNode child : line.path("children")) {
                long amount = cents(child.get("totals").get("amount").asText());
                if (amount != 0) {
                    lines.add(amount);
                }
            }
        }
        items.sort(null);
        lines.sort(null);
        assertEquals(lines, items, "one Stripe item per detailed line, in cents");
        JsonNode charge = stripe("GET", "/v1/customers/" + stripeInvoice.get("customer").asText());
        assertEquals(card, charge.get("invoice_settings").get("default_payment_method").asText(), "charged to the workspace's card");

        // Centrali's invoice shows it paid, with the same amount (read with a billing key: the session is a month old)
        JsonNode shown = http.get(workspace + "/invoice/" + invoice.get("id").asText(), "Authorization", "Bearer " + billingKey).expect(200)
                .conformsTo(CENTRALI).json();
        assertEquals("paid", shown.get("status").asText());
        assertEquals(0, new BigDecimal(shown.get("amount").asText()).compareTo(new BigDecimal(invoice.get("totals").get("total").asText())));
    }

    private static JsonNode usageLine(JsonNode invoice) {
        for (JsonNode line : invoice.path("lines")) {
            if ("queries".equals(line.path("rateCard").path("featureKey").asText())) {
                return line;
            }
        }
        return null;
    }

    private static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private JsonNode stripe(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("Authorization", "Bearer " + fake.secretKey()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
