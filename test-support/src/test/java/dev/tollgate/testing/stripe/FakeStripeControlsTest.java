package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.InvoiceItem;
import com.stripe.model.SetupIntent;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.billingportal.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Setup intents, events, endpoints, the portal, expansion, the test controls (injected failures among them),
 * concurrency and the main class.
 */
class FakeStripeControlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeStripe fake;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        fake = FakeStripe.builder().webhookRetries(3, Duration.ofMillis(10)).start();
        stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aSetupIntentSucceedsThroughTheApiOrTheControl() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        SetupIntent byApi = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).addPaymentMethodType("card").build());
        assertEquals("requires_payment_method", byApi.getStatus());
        assertTrue(byApi.getClientSecret().startsWith(byApi.getId() + "_secret_"));
        SetupIntent confirmed = stripe.v1().setupIntents().confirm(byApi.getId(),
                SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        assertEquals("succeeded", confirmed.getStatus());
        assertEquals(customer.getId(),
                stripe.v1().paymentMethods().retrieve(confirmed.getPaymentMethod()).getCustomer());

        SetupIntent byControl = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).build());
        assertEquals("succeeded", fake.completeSetupIntent(byControl.getId()).get("status").asText());
        assertEquals(2, stripe.v1().customers().paymentMethods().list(customer.getId()).getData().size());

        SetupIntent declining = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customer.getId()).build());
        CardException declined = assertThrows(CardException.class, () -> stripe.v1().setupIntents().confirm(
                declining.getId(), SetupIntentConfirmParams.builder().setPaymentMethod("pm_card_chargeDeclined")
                        .build()));
        assertEquals("card_declined", declined.getCode());
        SetupIntent failed = stripe.v1().setupIntents().retrieve(declining.getId());
        assertEquals("requires_payment_method", failed.getStatus());
        assertEquals("card_declined", failed.getLastSetupError().getCode());
    }

    @Test
    void eventsAreStoredListedAndSentToEveryMatchingEndpoint() throws Exception {
        try (WebhookReceiver everything = new WebhookReceiver(); WebhookReceiver invoicesOnly = new WebhookReceiver()) {
            WebhookEndpoint all = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(everything.url()).addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.ALL).build());
            WebhookEndpoint invoices = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(invoicesOnly.url()).addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.INVOICE__PAID)
                    .build());
            Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
            String sent = fake.sendEvent("customer.subscription.deleted",
                    JSON.readTree("{\"id\":\"sub_123\",\"object\":\"subscription\",\"status\":\"canceled\"}"));
            assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));

            assertEquals(2, everything.received().size());
            assertEquals(0, invoicesOnly.received().size());
            Event created = Webhook.constructEvent(everything.received().get(0).payload(),
                    everything.received().get(0).signature(), all.getSecret(), 300);
            assertEquals("customer.created", created.getType());
            assertEquals(customer.getId(),
                    ((Customer) created.getDataObjectDeserializer().getObject().orElseThrow()).getId());
            Event custom = Webhook.constructEvent(everything.received().get(1).payload(),
                    everything.received().get(1).signature(), all.getSecret(), 300);
            assertEquals(sent, custom.getId());
            assertEquals("customer.subscription.deleted", custom.getType());

            Event retrieved = stripe.v1().events().retrieve(created.getId());
            assertEquals("customer.created", retrieved.getType());
            assertEquals(1L, retrieved.getPendingWebhooks());
            assertEquals(List.of(sent, created.getId()), stripe.v1().events().list(EventListParams.builder()
                    .setType("customer.*").build()).getData().stream().map(Event::getId).toList());
            assertEquals(List.of(created.getId()), stripe.v1().events().list(EventListParams.builder()
                    .setType("customer.created").build()).getData().stream().map(Event::getId).toList());

            // retrieve and list never show the secret; a deleted endpoint gets nothing more
            assertNull(stripe.v1().webhookEndpoints().retrieve(all.getId()).getSecret());
            assertEquals(2, stripe.v1().webhookEndpoints().list().getData().size());
            assertTrue(stripe.v1().webhookEndpoints().delete(all.getId()).getDeleted());
            stripe.v1().customers().create(CustomerCreateParams.builder().build());
            assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
            assertEquals(2, everything.received().size());
            assertEquals(List.of(invoices.getId()), stripe.v1().webhookEndpoints().list().getData().stream()
                    .map(WebhookEndpoint::getId).toList());
        }
    }

    @Test
    void aPortalSessionHasAPageAndExpandReplacesIds() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        String card = stripe.v1().paymentMethods().attach("pm_card_amex",
                com.stripe.param.PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build()).getId();
        stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(card).build()).build());
        Customer expanded = stripe.v1().customers().retrieve(customer.getId(), CustomerRetrieveParams.builder()
                .addExpand("invoice_settings.default_payment_method").build());
        assertEquals("amex", expanded.getInvoiceSettings().getDefaultPaymentMethodObject().getCard().getBrand());

        Session portal = stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(customer.getId()).setReturnUrl("https://tollgate.test/billing").build());
        assertTrue(portal.getId().startsWith("bps_"));
        assertEquals(customer.getId(), portal.getCustomer());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(portal.getUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("amex ending in 8431"));
        assertTrue(page.body().contains("https://tollgate.test/billing"));
    }

    @Test
    void theHttpControlsFailAPaymentCountObjectsAndListRequests() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        String card = stripe.v1().paymentMethods().attach("pm_card_visa",
                com.stripe.param.PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build()).getId();
        stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder().setInvoiceSettings(
                CustomerUpdateParams.InvoiceSettings.builder().setDefaultPaymentMethod(card).build()).build());
        stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setAmount(700L).build());
        String invoice = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(customer.getId())
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE).build())
                .getId();

        assertEquals(200, post("/_fake/customers/" + customer.getId() + "/fail_next_payment").statusCode());
        assertThrows(CardException.class, () -> stripe.v1().invoices().pay(invoice));
        assertEquals("paid", stripe.v1().invoices().pay(invoice).getStatus());

        JsonNode counts = JSON.readTree(get("/_fake/counts").body());
        assertEquals(1, counts.get("customer").asInt());
        assertEquals(1, counts.get("invoice").asInt());
        assertEquals(1, counts.get("invoiceitem").asInt());
        assertEquals(1, counts.get("payment_method").asInt());
        JsonNode requests = JSON.readTree(get("/_fake/requests").body()).get("data");
        List<String> paths = new ArrayList<>();
        requests.forEach(r -> paths.add(r.get("method").asText() + " " + r.get("path").asText() + " "
                + r.get("status").asInt()));
        assertEquals(List.of("POST /v1/customers 200", "POST /v1/payment_methods/pm_card_visa/attach 200",
                "POST /v1/customers/" + customer.getId() + " 200", "POST /v1/invoiceitems 200", "POST /v1/invoices 200",
                "POST /_fake/customers/" + customer.getId() + "/fail_next_payment 200",
                "POST /v1/invoices/" + invoice + "/pay 402", "POST /v1/invoices/" + invoice + "/pay 200",
                "GET /_fake/counts 200"), paths);
        assertEquals(404, get("/_fake/customers/nothing").statusCode());
    }

    @Test
    void injectedFailuresFailOnlyTheChosenRequests() throws Exception {
        StripeClient once = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl())
                .setMaxNetworkRetries(0).build();
        String failing = once.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        String other = once.v1().customers().create(CustomerCreateParams.builder().build()).getId();

        // ERROR: the first matching request is served, the next refused with nothing done and nothing kept for its key
        fake.failRequests("POST", "/v1/invoiceitems", Map.of("customer", failing), 1, 1, FakeStripe.Failure.ERROR);
        assertEquals(1, fake.pendingFailures());
        item(once, failing, 100, "k-1");
        item(once, other, 150, "k-other"); // another customer's items are not counted
        ApiException refused = assertThrows(ApiException.class, () -> item(once, failing, 200, "k-2"));
        assertEquals(500, refused.getStatusCode());
        assertEquals(2, fake.count("invoiceitem"));
        assertEquals(0, fake.pendingFailures());
        item(once, failing, 200, "k-2");
        assertFalse(last("/v1/invoiceitems").replayed(), "the refused request left nothing to replay");
        assertEquals(3, fake.count("invoiceitem"));

        // ANSWER_LOST: Stripe does it and keeps it for the key, but the client never hears; the same key is replayed.
        // The JDK's HttpURLConnection, under stripe-java, silently sends a POST whose answer never came once more
        // (sun.net.http.retryPost): two lost answers reach the caller as a failure.
        int before = fake.requests("POST", "/v1/invoiceitems").size();
        fake.failRequests("POST", "/v1/invoiceitems", Map.of(), 0, 2, FakeStripe.Failure.ANSWER_LOST);
        assertThrows(ApiConnectionException.class, () -> item(once, failing, 300, "k-3"));
        assertEquals(4, fake.count("invoiceitem"), "the item was made before the answer was lost");
        List<RecordedRequest> lost = fake.requests("POST", "/v1/invoiceitems").subList(before, before + 2);
        assertEquals(List.of(false, true), lost.stream().map(RecordedRequest::replayed).toList(), lost.toString());
        String replayed = item(once, failing, 300, "k-3");
        assertTrue(last("/v1/invoiceitems").replayed());
        assertEquals(4, fake.count("invoiceitem"));
        assertEquals(List.of(replayed), stripe.v1().invoiceItems().list(InvoiceItemListParams.builder()
                .setCustomer(failing).build()).getData().stream().filter(i -> i.getAmount() == 300L)
                .map(InvoiceItem::getId).toList());

        // A path prefix; over HTTP, as JSON or a form; cleared
        fake.failRequests("GET", "/v1/customers/*", Map.of(), 0, 5, FakeStripe.Failure.ERROR);
        assertThrows(ApiException.class, () -> once.v1().customers().retrieve(other));
        fake.clearFailures();
        assertEquals(other, once.v1().customers().retrieve(other).getId());
        HttpResponse<String> armed = json("POST", "/_fake/failures",
                "{\"method\":\"POST\",\"path\":\"/v1/customers\",\"after\":1,\"times\":2,\"failure\":\"answer_lost\"}");
        assertEquals(200, armed.statusCode(), armed.body());
        assertEquals(2, JSON.readTree(armed.body()).get("pending_failures").asInt());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/_fake/failures"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "method=POST&path=/v1/invoiceitems&params[customer]=" + failing)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(3, fake.pendingFailures());
        assertEquals(400, json("POST", "/_fake/failures", "{\"method\":\"POST\",\"path\":\"/v1/customers\","
                + "\"failure\":\"sometimes\"}").statusCode());
        assertEquals(400, json("POST", "/_fake/failures", "{\"method\":\"POST\",\"path\":\"/v1/customers\","
                + "\"times\":0}").statusCode());
        assertEquals(0, JSON.readTree(json("DELETE", "/_fake/failures", "").body()).get("pending_failures").asInt());
        assertEquals(0, fake.pendingFailures());
    }

    private static String item(StripeClient client, String customer, long amount, String key) throws StripeException {
        return client.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer).setAmount(amount)
                .setCurrency("usd").build(), RequestOptions.builder().setIdempotencyKey(key).build()).getId();
    }

    private RecordedRequest last(String path) {
        List<RecordedRequest> made = fake.requests("POST", path);
        return made.get(made.size() - 1);
    }

    private HttpResponse<String> json(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void concurrentIdempotentCreatesMakeOneObjectPerKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "org_" + (i % 10);
                ids.add(pool.submit(() -> stripe.v1().customers().create(
                        CustomerCreateParams.builder().setDescription(key).build(),
                        RequestOptions.builder().setIdempotencyKey(key).build()).getId()));
            }
            List<String> distinct = new ArrayList<>();
            for (Future<String> id : ids) {
                String value = id.get();
                if (!distinct.contains(value)) {
                    distinct.add(value);
                }
            }
            assertEquals(10, distinct.size());
            assertEquals(10, fake.count("customer"));
            assertEquals(30, fake.requests("POST", "/v1/customers").stream().filter(RecordedRequest::replayed)
                    .count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMainClassServesOnTheGivenPortWithTheGivenKey() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeStripeMain.class.getName(),
                "--port", "0", "--secret-key", "sk_test_from_main").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String baseUrl = out.readLine();
            assertTrue(baseUrl.startsWith("http://127.0.0.1:"), baseUrl);
            StripeClient client = StripeClient.builder().setApiKey("sk_test_from_main").setApiBase(baseUrl).build();
            Customer customer = client.v1().customers().create(CustomerCreateParams.builder().setName("Demo").build());
            assertEquals("Demo", client.v1().customers().retrieve(customer.getId()).getName());
            assertFalse(baseUrl.equals(fake.baseUrl()));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
