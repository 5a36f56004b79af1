package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.FreePorts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.stripe.FakeStripe;
import dev.tollgate.testing.stripe.RecordedRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe app (ADR 0039) over real HTTP against the real app and FakeStripe, every OpenMeter answer validated
 * against openmeter.yaml: install by API key (key checked, webhook registered, secrets sealed at rest), key updates,
 * uninstall; customer data checked against Stripe, Checkout in setup mode and the portal; the signed webhook —
 * bad, missing and stale signatures, replays, and the worker's effects (a saved card becomes the default, an invoice
 * is paid or fails); the invoice sync's discounts as negative items adding up to Tollgate's total, and a sync that
 * fails after Stripe made items retried without a second item.
 */
@MicronautTest(transactional = false)
class StripeAppContractTest extends HttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeStripe fake = FakeStripe.builder().webhookRetries(6, Duration.ofMillis(50)).start();
    private final int port = FreePorts.any();
    @Inject
    SecretBox box;
    @Inject
    TransactionOperations<Connection> transactions;
    Accounts.Account account;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("tollgate.public-url", "http://127.0.0.1:" + port);
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.billing.stripe-event-worker-interval", "200ms");
        return properties;
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    @BeforeEach
    void namespace() {
        account = Accounts.signUp(http, "Stripe");
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

    private JsonNode install(String extra) {
        return send("POST", "/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"" + fake.secretKey() + "\"" + extra + "}", 200);
    }

    private String customer(String key) {
        return send("POST", "/api/v1/customers", "{\"name\":\"" + key + " Inc\",\"key\":\"" + key + "\",\"primaryEmail\":\"billing@" + key
                + ".test\"}", 201).get("id").asText();
    }

    private Map<String, String> secrets(String appId) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement(
                    "SELECT api_key_sealed, webhook_secret_sealed, webhook_endpoint_id FROM billing.stripe_app_secrets WHERE app_id = ?")) {
                statement.setObject(1, Ulid.parse(appId).orElseThrow());
                try (var rows = statement.executeQuery()) {
                    assertTrue(rows.next(), "the app's secrets are stored");
                    return Map.of("apiKey", rows.getString(1), "webhookSecret", rows.getString(2), "endpoint", rows.getString(3));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long storedEvents(String appId) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement("SELECT count(*) FROM billing.stripe_events WHERE app_id = ?")) {
                statement.setObject(1, Ulid.parse(appId).orElseThrow());
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String webhookSecret(String appId) {
        return box.open(secrets(appId).get("webhookSecret"), "billing.stripe.webhook-secret:" + Ulid.parse(appId).orElseThrow());
    }

    /** {@code t=<t>,v1=<HMAC-SHA256(secret, "<t>.<payload>")>}, as Stripe signs. */
    private static String sign(String secret, String payload, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(String id, String type, String object) {
        return """
                {"id":"%s","type":"%s","livemode":false,"created":%d,"data":{"object":%s}}"""
                .formatted(id, type, Instant.now().getEpochSecond(), object);
    }

    private TestHttpExchange webhook(String appId, String payload, String signature) {
        List<String> headers = new ArrayList<>();
        if (signature != null) {
            headers.add("Stripe-Signature");
            headers.add(signature);
        }
        var exchange = http.send("POST", "/api/v1/apps/" + appId + "/stripe/webhook", payload, headers.toArray(String[]::new));
        return new TestHttpExchange(exchange.status(), exchange.body(), exchange);
    }

    private record TestHttpExchange(int status, String body, dev.tollgate.testing.TestHttp.Exchange exchange) {
    }

    @Test
    void stripeInstallsWithAnApiKeyRegistersItsWebhookAndKeepsItsSecretsSealed() throws Exception {
        int registeredBefore = fake.requests("POST", "/v1/webhook_endpoints").size();
        JsonNode installed = install(",\"name\":\"Payments\"");
        JsonNode app = installed.get("app");
        String appId = app.get("id").asText();
        assertEquals("stripe", app.get("type").asText());
        assertEquals("Payments", app.get("name").asText());
        assertTrue(app.get("stripeAccountId").asText().startsWith("acct_"));
        assertFalse(app.get("livemode").asBoolean());
        assertEquals(fake.secretKey().substring(0, 8) + "***" + fake.secretKey().substring(fake.secretKey().length() - 3),
                app.get("maskedAPIKey").asText());
        assertFalse(installed.toString().contains(fake.secretKey()), "the key is never shown");
        assertEquals(3, installed.get("defaultForCapabilityTypes").size(), "the sandbox default gives way to Stripe");

        // The webhook is registered on the account, pointing at this app's route on Tollgate's public URL.
        List<RecordedRequest> registered = fake.requests("POST", "/v1/webhook_endpoints");
        assertEquals(registeredBefore + 1, registered.size());
        StripeClient stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
        var endpoint = stripe.v1().webhookEndpoints().retrieve(secrets(appId).get("endpoint"));
        assertEquals("http://127.0.0.1:" + port + "/api/v1/apps/" + appId + "/stripe/webhook", endpoint.getUrl());
        assertTrue(endpoint.getEnabledEvents().containsAll(List.of("setup_intent.succeeded", "checkout.session.completed", "invoice.paid",
                "invoice.payment_failed")));

        // At rest: sealed, bound to the app; neither secret is in the row in clear.
        Map<String, String> sealed = secrets(appId);
        assertFalse(sealed.get("apiKey").contains(fake.secretKey()));
        assertFalse(sealed.get("webhookSecret").contains("whsec_"));
        assertEquals(fake.secretKey(), box.open(sealed.get("apiKey"), "billing.stripe.api-key:" + Ulid.parse(appId).orElseThrow()));
        assertTrue(webhookSecret(appId).startsWith("whsec_"));

        assertEquals(app.get("stripeAccountId").asText(), get("/api/v1/apps/" + appId).get("stripeAccountId").asText());
        JsonNode listed = get("/api/v1/apps");
        assertEquals(2, listed.get("totalCount").asInt());
        assertEquals("stripe", listed.at("/items/1/type").asText());
        JsonNode profiles = get("/api/v1/billing/profiles?orderBy=default&order=DESC");
        assertEquals(appId, profiles.at("/items/0/apps/invoicing/id").asText());

        // Renaming keeps the connection; an update with the key replaces it (same account and mode).
        JsonNode renamed = send("PUT", "/api/v1/apps/" + appId, "{\"type\":\"stripe\",\"name\":\"Stripe EU\",\"secretAPIKey\":\""
                + fake.secretKey() + "\"}", 200);
        assertEquals("Stripe EU", renamed.get("name").asText());
        assertEquals(app.get("stripeAccountId").asText(), renamed.get("stripeAccountId").asText());
        http.put("/api/v1/apps/" + appId + "/stripe/api-key", "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}", account.auth())
                .expect(204).conformsTo(OPENMETER);
        assertEquals(registeredBefore + 1, fake.requests("POST", "/v1/webhook_endpoints").size(), "a new key keeps the endpoint");
    }

    @Test
    void badKeysAndBadInstallsAreRefusedInOpenMetersShape() {
        String refused = problem("POST", "/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"sk_test_not_the_fakes_key\"}", 400);
        assertTrue(refused.contains("Stripe refused the API key"), refused);
        assertTrue(problem("POST", "/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"pk_test_publishable123\"}", 400)
                .contains("not a Stripe secret or restricted API key"));
        assertTrue(problem("POST", "/api/v1/marketplace/listings/stripe/install/apikey", "{\"name\":\"x\"}", 400).contains("apiKey"));
        assertTrue(problem("POST", "/api/v1/marketplace/listings/sandbox/install/apikey", "{\"apiKey\":\"" + fake.secretKey() + "\"}", 400)
                .contains("needs no credentials"));
        http.post("/api/v1/marketplace/listings/paypal/install/apikey", "{\"apiKey\":\"" + fake.secretKey() + "\"}", account.auth())
                .expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/marketplace/listings/stripe/install/apikey", "{\"apiKey\":\"" + fake.secretKey() + "\"}")
                .expect(401).conformsTo(OPENMETER);
        assertEquals(1, get("/api/v1/apps").get("totalCount").asInt(), "nothing installed by a refused request");

        String appId = install(",\"createBillingProfile\":false").at("/app/id").asText();
        String path = "/api/v1/apps/" + appId + "/stripe/api-key";
        assertTrue(problem("PUT", path, "{\"secretAPIKey\":\"sk_live_abcdefghijklmnop\"}", 400).contains("same mode"));
        assertTrue(problem("PUT", path, "{\"secretAPIKey\":\"sk_test_not_the_fakes_key\"}", 400).contains("Stripe refused the API key"));
        assertTrue(problem("PUT", path, "{}", 400).contains("secretAPIKey"));
        http.put(path, "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}").expect(401).conformsTo(OPENMETER);
        http.put("/api/v1/apps/01JAAAAAAAAAAAAAAAAAAAAAAA/stripe/api-key", "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}", account.auth())
                .expect(404).conformsTo(OPENMETER);
        String sandbox = get("/api/v1/apps").at("/items/0/id").asText();
        assertTrue(problem("PUT", "/api/v1/apps/" + sandbox + "/stripe/api-key", "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}", 400)
                .contains("not a Stripe app"));
        assertTrue(problem("PUT", "/api/v1/apps/" + sandbox, "{\"type\":\"sandbox\",\"name\":\"S\",\"secretAPIKey\":\"sk_test_x\"}", 400)
                .contains("has no API key"));

        Accounts.Account other = Accounts.signUp(http, "Other");
        http.put(path, "{\"secretAPIKey\":\"" + fake.secretKey() + "\"}", other.auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/apps/" + appId, other.auth()).expect(404).conformsTo(OPENMETER);

        // Uninstalling an app no profile uses removes its webhook from Stripe; its webhook route is then not found.
        int endpoints = fake.count("webhook_endpoint");
        http.delete("/api/v1/apps/" + appId, account.auth()).expect(204).conformsTo(OPENMETER);
        assertEquals(endpoints - 1, fake.count("webhook_endpoint"));
        http.get("/api/v1/apps/" + appId, account.auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(404, webhook(appId, event("evt_gone", "invoice.paid", "{}"), "t=1,v1=00").status());
    }

    @Test
    void checkoutSavesACardThatTheWebhookMakesTheCustomersDefault() throws Exception {
        install("");
        int stripeCustomers = fake.count("customer");
        String customerId = customer("acme");
        http.get("/api/v1/customers/acme/stripe", account.auth()).expect(404).conformsTo(OPENMETER);

        JsonNode session = send("POST", "/api/v1/stripe/checkout/sessions", """
                {"customer":{"key":"acme"},"options":{"currency":"USD","successURL":"https://app.test/done","metadata":{"plan":"pro"}}}""", 201);
        assertEquals(customerId, session.get("customerId").asText());
        String stripeCustomer = session.get("stripeCustomerId").asText();
        assertTrue(stripeCustomer.startsWith("cus_"));
        assertTrue(session.get("sessionId").asText().startsWith("cs_"));
        assertTrue(session.get("setupIntentId").asText().startsWith("seti_"));
        assertEquals("setup", session.get("mode").asText());
        assertEquals("USD", session.get("currency").asText());
        assertEquals("open", session.get("status").asText());
        assertEquals("pro", session.at("/metadata/plan").asText());
        assertEquals(customerId, session.at("/metadata/om_customer_id").asText());
        assertEquals(stripeCustomers + 1, fake.count("customer"));

        JsonNode data = get("/api/v1/customers/acme/stripe");
        assertEquals(stripeCustomer, data.get("stripeCustomerId").asText());
        assertFalse(data.has("stripeDefaultPaymentMethodId"));
        assertEquals("stripe", data.at("/app/type").asText());

        // A second session reuses the Stripe customer; a different one named for this customer is refused.
        JsonNode again = send("POST", "/api/v1/stripe/checkout/sessions", "{\"customer\":{\"id\":\"" + customerId + "\"},\"options\":{}}", 201);
        assertEquals(stripeCustomer, again.get("stripeCustomerId").asText());
        assertEquals(stripeCustomers + 1, fake.count("customer"));
        assertTrue(problem("POST", "/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"acme\"},\"stripeCustomerId\":\"cus_other\","
                + "\"options\":{}}", 400).contains("stripe_customer_mismatch"));

        // The customer completes Checkout: Stripe sends the events, the worker makes the card the default.
        fake.completeCheckoutSession(session.get("sessionId").asText());
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        WebhookTests.await("the default payment method", () -> http.get("/api/v1/customers/acme/stripe", account.auth()).json()
                .has("stripeDefaultPaymentMethodId"));
        String card = get("/api/v1/customers/" + customerId + "/stripe").get("stripeDefaultPaymentMethodId").asText();
        assertTrue(card.startsWith("pm_"));
        StripeClient stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
        assertEquals(card, stripe.v1().customers().retrieve(stripeCustomer).getInvoiceSettings().getDefaultPaymentMethod());

        JsonNode portal = send("POST", "/api/v1/customers/acme/stripe/portal", "{\"returnUrl\":\"https://app.test/billing\"}", 201);
        assertTrue(portal.get("id").asText().startsWith("bps_"));
        assertEquals(stripeCustomer, portal.get("stripeCustomerId").asText());
        assertEquals("https://app.test/billing", portal.get("returnUrl").asText());
        assertTrue(portal.get("url").asText().startsWith(fake.baseUrl()));
    }

    @Test
    void customerDataIsCheckedAgainstStripeAndStaysInItsNamespace() throws Exception {
        install("");
        customer("globex");
        StripeClient stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
        String stripeCustomer = stripe.v1().customers().create(com.stripe.param.CustomerCreateParams.builder().setName("Globex").build()).getId();
        String otherCustomer = stripe.v1().customers().create(com.stripe.param.CustomerCreateParams.builder().setName("Else").build()).getId();
        String card = stripe.v1().paymentMethods().attach("pm_card_visa", com.stripe.param.PaymentMethodAttachParams.builder()
                .setCustomer(otherCustomer).build()).getId();

        assertTrue(problem("PUT", "/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":\"cus_doesnotexist\"}", 400)
                .contains("stripeCustomerId"));
        assertTrue(problem("PUT", "/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer
                + "\",\"stripeDefaultPaymentMethodId\":\"" + card + "\"}", 400).contains("is not attached"));
        assertTrue(problem("PUT", "/api/v1/customers/globex/stripe", "{}", 400).contains("stripeCustomerId"));
        assertTrue(problem("PUT", "/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":\"cus x; drop\"}", 400).contains("not a Stripe id"));
        problem("PUT", "/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":42}", 400);
        JsonNode written = send("PUT", "/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer + "\"}", 200);
        assertEquals(stripeCustomer, written.get("stripeCustomerId").asText());
        assertEquals(stripeCustomer, get("/api/v1/customers/globex/stripe").get("stripeCustomerId").asText());
        http.put("/api/v1/customers/nobody/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer + "\"}", account.auth())
                .expect(404).conformsTo(OPENMETER);
        problem("POST", "/api/v1/customers/nobody-yet/stripe/portal", "{}", 404);
        assertTrue(problem("POST", "/api/v1/stripe/checkout/sessions", "{\"customer\":{\"name\":\"New Co\"},\"options\":{}}", 400)
                .contains("not supported"));
        assertTrue(problem("POST", "/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"globex\"},\"options\":{\"uiMode\":\"popup\"}}", 400)
                .contains("uiMode"));
        http.post("/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"globex\"},\"options\":{}}").expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/customers/globex/stripe").expect(401).conformsTo(OPENMETER);
        http.put("/api/v1/customers/globex/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer + "\"}").expect(401).conformsTo(OPENMETER);
        http.post("/api/v1/customers/globex/stripe/portal", "{}").expect(401).conformsTo(OPENMETER);

        // Another namespace knows neither the customer nor the app.
        Accounts.Account other = Accounts.signUp(http, "Other");
        http.get("/api/v1/customers/globex/stripe", other.auth()).expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/customers/globex/stripe/portal", "{}", other.auth()).expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"globex\"},\"options\":{}}", other.auth())
                .expect(404).conformsTo(OPENMETER);
        // A namespace without a Stripe app is told so.
        http.post("/api/v1/customers", "{\"name\":\"Globex\",\"key\":\"globex\"}", other.auth()).expect(201);
        assertTrue(http.post("/api/v1/stripe/checkout/sessions", "{\"customer\":{\"key\":\"globex\"},\"options\":{}}", other.auth())
                .expect(400).conformsTo(OPENMETER).body().contains("no Stripe app is installed"));
    }

    @Test
    void theWebhookVerifiesSignaturesStoresEachEventOnceAndMovesInvoices() throws Exception {
        String appId = install("").at("/app/id").asText();
        String secret = webhookSecret(appId);
        long now = Instant.now().getEpochSecond();
        String payload = event("evt_manual_1", "customer.updated", "{\"id\":\"cus_x\",\"object\":\"customer\"}");

        TestHttpExchange bad = webhook(appId, payload, sign("whsec_wrong", payload, now));
        assertEquals(400, bad.status(), bad.body());
        bad.exchange().conformsTo(OPENMETER);
        assertTrue(bad.body().contains("Stripe-Signature"), bad.body());
        assertEquals(400, webhook(appId, payload, null).exchange().expect(400).conformsTo(OPENMETER).status());
        TestHttpExchange stale = webhook(appId, payload, sign(secret, payload, now - 301));
        assertEquals(400, stale.status(), "older than the 300 s tolerance");
        stale.exchange().conformsTo(OPENMETER);
        TestHttpExchange tampered = webhook(appId, payload.replace("cus_x", "cus_y"), sign(secret, payload, now));
        assertEquals(400, tampered.status());
        assertEquals(0, storedEvents(appId), "nothing unverified is stored");
        assertEquals(404, webhook("01JAAAAAAAAAAAAAAAAAAAAAAA", payload, sign(secret, payload, now)).exchange().expect(404).conformsTo(OPENMETER)
                .status());

        TestHttpExchange ok = webhook(appId, payload, sign(secret, payload, now));
        assertEquals(200, ok.status(), ok.body());
        JsonNode receipt = ok.exchange().conformsTo(OPENMETER).json();
        assertEquals(appId, receipt.get("appId").asText());
        String namespace = receipt.get("namespaceId").asText();
        TestHttpExchange replay = webhook(appId, payload, sign(secret, payload, now));
        assertEquals(200, replay.status());
        assertTrue(replay.exchange().conformsTo(OPENMETER).json().get("message").asText().contains("received before"));
        assertEquals(1, storedEvents(appId));

        // An invoice Stripe collects: it waits in payment_processing.pending until Stripe says.
        String customerId = customer("initech");
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        send("POST", "/api/v1/billing/customers/" + customerId + "/invoices/pending-lines", """
                {"currency":"USD","lines":[{"name":"Fee","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                 "rateCard":{"price":{"type":"flat","amount":"100"}}}]}""".formatted(from, from.plus(1, ChronoUnit.DAYS), from), 201);
        JsonNode invoice = send("POST", "/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", 201).get(0);
        String invoiceId = invoice.get("id").asText();
        assertEquals("draft.syncing", invoice.at("/statusDetails/extendedStatus").asText(), "it waits for Stripe: " + invoice);
        // The sync job makes the Stripe invoice (one item per detailed line, in cents), then finalizes it on issue with
        // auto-advance, so Stripe collects it (the fake at once, Stripe about an hour later): the customer has no card,
        // and the invoice.payment_failed Stripe announces through the webhook moves the invoice.
        WebhookTests.await("the Stripe sync and Stripe's failed collection", () -> "payment_processing.failed".equals(http.get("/api/v1/billing/invoices/"
                + invoiceId, account.auth()).json().at("/statusDetails/extendedStatus").asText()));
        invoice = get("/api/v1/billing/invoices/" + invoiceId);
        String stripeInvoiceId = invoice.at("/externalIds/invoicing").asText();
        StripeClient stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
        var stripeInvoice = stripe.v1().invoices().retrieve(stripeInvoiceId);
        assertEquals("open", stripeInvoice.getStatus());
        assertTrue(stripeInvoice.getAttempted(), "Stripe tried to collect it");
        assertTrue(stripeInvoice.getAutoAdvance(), "finalized with auto-advance: Stripe collects it");
        assertEquals(invoiceId, stripeInvoice.getMetadata().get("om_invoice_id"));
        assertEquals(10000L, stripeInvoice.getAmountDue());
        assertEquals(1, stripeInvoice.getLines().getData().size());
        assertEquals(stripeInvoice.getNumber(), invoice.get("number").asText(), "Stripe's number is the invoice's");
        assertTrue(fake.requests("POST", "/v1/invoiceitems").stream().allMatch(r -> r.idempotencyKey() != null
                && r.idempotencyKey().startsWith("tollgate-item-")), "items are created under keys derived from Tollgate's ids");

        // Through the fake, as Stripe would send it, then replayed by hand: paid once.
        fake.sendEvent("invoice.paid", JSON.readTree("""
                {"id":"in_1","object":"invoice","status":"paid","metadata":{"om_invoice_id":"%s","om_namespace":"%s"}}"""
                .formatted(invoiceId, namespace)));
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        WebhookTests.await("paid", () -> "paid".equals(http.get("/api/v1/billing/invoices/" + invoiceId, account.auth()).json().get("status").asText()));
        // Another namespace's invoice id in the metadata moves nothing.
        String foreign = event("evt_foreign", "invoice.paid", """
                {"id":"in_2","object":"invoice","status":"paid","metadata":{"om_invoice_id":"%s","om_namespace":"01JAAAAAAAAAAAAAAAAAAAAAAA"}}"""
                .formatted(invoiceId));
        assertEquals(200, webhook(appId, foreign, sign(secret, foreign, Instant.now().getEpochSecond())).status());
        assertNotEquals(0, storedEvents(appId));
    }

    private StripeClient stripe() {
        return StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
    }

    /**
     * A customer whose Stripe customer (made here, then linked) has a Visa card as its invoices' default, so Stripe
     * collects an invoice when it is finalized. Returns the Stripe customer's id.
     */
    private String customerWithCard(String key) throws Exception {
        customer(key);
        StripeClient stripe = stripe();
        String stripeCustomer = stripe.v1().customers().create(com.stripe.param.CustomerCreateParams.builder().setName(key).build()).getId();
        String card = stripe.v1().paymentMethods().attach("pm_card_visa", com.stripe.param.PaymentMethodAttachParams.builder()
                .setCustomer(stripeCustomer).build()).getId();
        stripe.v1().customers().update(stripeCustomer, com.stripe.param.CustomerUpdateParams.builder().setInvoiceSettings(
                com.stripe.param.CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(card).build()).build());
        send("PUT", "/api/v1/customers/" + key + "/stripe", "{\"stripeCustomerId\":\"" + stripeCustomer
                + "\",\"stripeDefaultPaymentMethodId\":\"" + card + "\"}", 200);
        return stripeCustomer;
    }

    /** Flat fees billed now, each {@code {name, amount, percentage off or null}}; the invoice made of them. */
    private String invoiceOfFlatFees(String customerKey, Object[][] fees) {
        String customerId = get("/api/v1/customers/" + customerKey).get("id").asText();
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (Object[] fee : fees) {
            lines.add("""
                    {"name":"%s","period":{"from":"%s","to":"%s"},"invoiceAt":"%s",
                     "rateCard":{"price":{"type":"flat","amount":"%s"}%s}}""".formatted(fee[0], from, from.plus(1, ChronoUnit.DAYS), from, fee[1],
                    fee[2] == null ? "" : ",\"discounts\":{\"percentage\":{\"percentage\":" + fee[2] + "}}"));
        }
        send("POST", "/api/v1/billing/customers/" + customerId + "/invoices/pending-lines",
                "{\"currency\":\"USD\",\"lines\":[" + String.join(",", lines) + "]}", 201);
        JsonNode made = send("POST", "/api/v1/billing/invoices/invoice", "{\"customerId\":\"" + customerId + "\"}", 201);
        assertEquals(1, made.size(), made.toString());
        return made.get(0).get("id").asText();
    }

    /** Polls until {@code condition} holds; fails after {@code deadline} (a bound on the wait, not a timing assertion). */
    private static void awaitWithin(Duration deadline, String what, java.util.function.Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private JsonNode paid(String invoiceId) throws InterruptedException {
        awaitWithin(Duration.ofSeconds(60), "the Stripe sync, Stripe's collection and its invoice.paid", () -> "paid".equals(
                http.get("/api/v1/billing/invoices/" + invoiceId, account.auth()).json().get("status").asText()));
        return get("/api/v1/billing/invoices/" + invoiceId);
    }

    /** Tollgate's amounts by the ids the Stripe items name in {@code om_line_id}: each detailed line's, each discount's negated. */
    private static Map<String, java.math.BigDecimal> tollgateItems(JsonNode invoice) {
        Map<String, java.math.BigDecimal> amounts = new java.util.LinkedHashMap<>();
        for (JsonNode line : invoice.get("lines")) {
            for (JsonNode child : line.get("children")) {
                amounts.put(child.get("id").asText(), new java.math.BigDecimal(child.at("/totals/amount").asText()));
                for (JsonNode discount : child.at("/discounts/amount")) {
                    amounts.put(discount.get("id").asText(), new java.math.BigDecimal(discount.get("amount").asText()).negate());
                }
            }
        }
        return amounts;
    }

    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }

    @Test
    void discountsReachStripeAsNegativeItemsAndStripesTotalIsTollgates() throws Exception {
        install("");
        String stripeCustomer = customerWithCard("umbrella");
        // 10 % of 33.25 is 3.325: Tollgate rounds half up to 3.33, and Stripe must be told the same 333 cents
        String invoiceId = invoiceOfFlatFees("umbrella", new Object[][] {{"Seats", "33.25", 10}, {"Support", "120", 12.5},
                {"Setup", "50", null}});
        JsonNode invoice = paid(invoiceId);
        assertEquals(0, new java.math.BigDecimal("184.92").compareTo(new java.math.BigDecimal(invoice.at("/totals/total").asText())),
                invoice.at("/totals").toString());
        assertEquals(0, new java.math.BigDecimal("18.33").compareTo(new java.math.BigDecimal(invoice.at("/totals/discountsTotal").asText())),
                invoice.at("/totals").toString());

        StripeClient stripe = stripe();
        String stripeInvoiceId = invoice.at("/externalIds/invoicing").asText();
        var stripeInvoice = stripe.v1().invoices().retrieve(stripeInvoiceId);
        List<com.stripe.model.InvoiceItem> items = stripe.v1().invoiceItems().list(com.stripe.param.InvoiceItemListParams.builder()
                .setCustomer(stripeCustomer).setInvoice(stripeInvoiceId).build()).getData();
        // one item per detailed line, one negative item per discount, in cents, each naming what it stands for
        Map<String, Long> byLine = new HashMap<>();
        items.forEach(i -> assertTrue(byLine.put(i.getMetadata().get("om_line_id"), i.getAmount()) == null, "one item per line: " + items));
        Map<String, Long> expected = new HashMap<>();
        tollgateItems(invoice).forEach((id, amount) -> expected.put(id, amount.movePointRight(2).longValueExact()));
        assertEquals(expected, byLine);
        List<Long> negative = items.stream().filter(i -> i.getAmount() < 0).map(com.stripe.model.InvoiceItem::getAmount).sorted().toList();
        assertEquals(List.of(-1500L, -333L), negative);
        assertTrue(items.stream().filter(i -> i.getAmount() < 0).allMatch(i -> "discount".equals(i.getMetadata().get("om_line_type"))
                && i.getDescription().startsWith("Discount: ") && invoiceId.equals(i.getMetadata().get("om_invoice_id"))), items.toString());
        assertTrue(fake.requests("POST", "/v1/invoiceitems").stream().anyMatch(r -> r.body().contains("customer=" + stripeCustomer)
                && r.body().contains("amount=-333")), "the fake received the negative item in cents");

        // Stripe's invoice adds up to Tollgate's, and that is what was collected
        assertEquals(18492L, stripeInvoice.getTotal());
        assertEquals(cents(invoice.at("/totals/total").asText()), stripeInvoice.getTotal());
        assertEquals(18492L, stripeInvoice.getAmountPaid());
        assertEquals("paid", stripeInvoice.getStatus());
        assertEquals(5, stripeInvoice.getLines().getData().size());
    }

    @Test
    void aSyncThatFailsAfterStripeMadeItemsIsRetriedWithoutASecondItem() throws Exception {
        install("");
        String stripeCustomer = customerWithCard("hooli");
        int itemsBefore = fake.count("invoiceitem");
        // The first item is made and answered; the second is made but its answer is lost, again and again (the JDK
        // and stripe-java send it more than once), so the sync fails with Stripe holding items Tollgate never heard
        // of. Its transaction rolls back and the next round starts over from the Stripe invoice.
        fake.failRequests("POST", "/v1/invoiceitems", Map.of("customer", stripeCustomer), 1, 6, FakeStripe.Failure.ANSWER_LOST);
        try {
            String invoiceId = invoiceOfFlatFees("hooli", new Object[][] {{"Base", "40", null}, {"Seats", "25.5", 20}, {"Support", "12", null}});
            JsonNode invoice = paid(invoiceId);
            assertEquals(0, fake.pendingFailures(), "every injected failure happened");

            // the sync ran more than once: its Stripe invoice was asked for again and replayed, not made again
            List<RecordedRequest> invoiceCreations = fake.requests("POST", "/v1/invoices").stream()
                    .filter(r -> ("tollgate-invoice-" + invoiceId).equals(r.idempotencyKey())).toList();
            assertTrue(invoiceCreations.size() >= 2, "a retried sync: " + invoiceCreations);
            assertTrue(invoiceCreations.stream().skip(1).allMatch(RecordedRequest::replayed), invoiceCreations.toString());

            // every item key was sent more than once in all, and each made one item only
            Map<String, List<RecordedRequest>> byKey = new java.util.TreeMap<>();
            fake.requests("POST", "/v1/invoiceitems").stream().filter(r -> r.idempotencyKey() != null
                    && r.idempotencyKey().startsWith("tollgate-item-" + invoiceId + "-")).forEach(r -> byKey.computeIfAbsent(r.idempotencyKey(),
                    k -> new ArrayList<>()).add(r));
            Map<String, java.math.BigDecimal> tollgate = tollgateItems(invoice);
            assertEquals(4, tollgate.size(), "three fees and a discount: " + tollgate);
            assertEquals(tollgate.keySet().stream().map(id -> "tollgate-item-" + invoiceId + "-" + id).collect(java.util.stream.Collectors.toSet()),
                    byKey.keySet());
            byKey.forEach((key, sent) -> assertEquals(1, sent.stream().filter(r -> !r.replayed()).count(), key + " made once: " + sent));
            assertTrue(byKey.values().stream().mapToInt(List::size).sum() > byKey.size(), "items were asked for again: " + byKey);

            StripeClient stripe = stripe();
            String stripeInvoiceId = invoice.at("/externalIds/invoicing").asText();
            List<com.stripe.model.InvoiceItem> items = stripe.v1().invoiceItems().list(com.stripe.param.InvoiceItemListParams.builder()
                    .setCustomer(stripeCustomer).setLimit(100L).build()).getData();
            assertEquals(4, items.size(), "no second item anywhere on the customer: " + items);
            assertEquals(itemsBefore + 4, fake.count("invoiceitem"));
            assertTrue(items.stream().allMatch(i -> stripeInvoiceId.equals(i.getInvoice())), items.toString());
            Map<String, Long> byLine = new HashMap<>();
            items.forEach(i -> assertTrue(byLine.put(i.getMetadata().get("om_line_id"), i.getAmount()) == null, "each line once: " + items));
            Map<String, Long> expected = new HashMap<>();
            tollgate.forEach((id, amount) -> expected.put(id, amount.movePointRight(2).longValueExact()));
            assertEquals(expected, byLine);

            var stripeInvoice = stripe.v1().invoices().retrieve(stripeInvoiceId);
            assertEquals(1, stripe.v1().invoices().list(com.stripe.param.InvoiceListParams.builder().setCustomer(stripeCustomer).build())
                    .getData().size(), "one Stripe invoice");
            assertEquals("paid", stripeInvoice.getStatus());
            assertEquals(4, stripeInvoice.getLines().getData().size());
            assertEquals(7240L, stripeInvoice.getTotal()); // 40 + 25.50 - 5.10 + 12
            assertEquals(cents(invoice.at("/totals/total").asText()), stripeInvoice.getAmountPaid());
            assertEquals(stripeInvoice.getNumber(), invoice.get("number").asText());
        } finally {
            fake.clearFailures();
        }
    }
}
