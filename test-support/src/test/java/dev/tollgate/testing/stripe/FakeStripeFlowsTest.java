package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flows billing needs, through stripe-java 31.1.0: saving a card with Checkout in setup mode, invoicing and
 * collecting, a declined payment; events delivered to a webhook endpoint and verified with stripe-java's
 * {@link Webhook#constructEvent}.
 */
class FakeStripeFlowsTest {
    private FakeStripe fake;
    private StripeClient stripe;
    private WebhookReceiver receiver;
    private String webhookSecret;

    @BeforeEach
    void start() throws StripeException {
        fake = FakeStripe.builder().webhookRetries(4, Duration.ofMillis(20)).start();
        stripe = StripeClient.builder().setApiKey(fake.secretKey()).setApiBase(fake.baseUrl()).build();
        receiver = new WebhookReceiver();
        WebhookEndpoint endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                .setUrl(receiver.url())
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHECKOUT__SESSION__COMPLETED)
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.SETUP_INTENT__SUCCEEDED)
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.INVOICE__PAID)
                .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.INVOICE__PAYMENT_FAILED)
                .build());
        assertTrue(endpoint.getId().startsWith("we_"));
        webhookSecret = endpoint.getSecret();
        assertTrue(webhookSecret.startsWith("whsec_"));
    }

    @AfterEach
    void stop() {
        fake.close();
        receiver.close();
    }

    /** Every event the endpoint received, checked with stripe-java exactly as a webhook controller would. */
    private List<Event> verifiedEvents() throws SignatureVerificationException {
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        List<Event> events = new java.util.ArrayList<>();
        for (WebhookReceiver.Received delivery : receiver.received()) {
            if (delivery.answered() == 200) {
                events.add(Webhook.constructEvent(delivery.payload(), delivery.signature(), webhookSecret, 300));
            }
        }
        return events;
    }

    @Test
    void aCheckoutSessionInSetupModeSavesACardThatBecomesTheDefault() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("owner@acme.test").build());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCustomer(customer.getId()).setCurrency("usd")
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setSuccessUrl("https://tollgate.test/billing/done?session={CHECKOUT_SESSION_ID}")
                .putMetadata("org_id", "org_1").build());
        assertTrue(session.getId().startsWith("cs_"));
        assertEquals("open", session.getStatus());
        assertEquals("setup", session.getMode());
        assertEquals(fake.baseUrl() + "/_fake/checkout/" + session.getId(), session.getUrl());
        assertTrue(session.getSetupIntent().startsWith("seti_"));

        // the customer opens the hosted page, fills it in (the page's form post), and is sent to success_url
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(session.getUrl())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\" action=\"/_fake/checkout/" + session.getId() + "\">"));
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(session.getUrl())).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=mastercard")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, submitted.statusCode());
        assertEquals("https://tollgate.test/billing/done?session=" + session.getId(),
                submitted.headers().firstValue("Location").orElseThrow());

        List<Event> events = verifiedEvents();
        assertEquals(List.of("setup_intent.succeeded", "checkout.session.completed"),
                events.stream().map(Event::getType).toList());
        Event completed = events.get(1);
        assertEquals(FakeStripe.API_VERSION, completed.getApiVersion());
        Session fromEvent = (Session) completed.getDataObjectDeserializer().getObject().orElseThrow();
        assertEquals(session.getId(), fromEvent.getId());
        assertEquals("complete", fromEvent.getStatus());
        assertEquals(Map.of("org_id", "org_1"), fromEvent.getMetadata());

        // what the webhook handler does: the saved card becomes the customer's default
        SetupIntent intent = stripe.v1().setupIntents().retrieve(fromEvent.getSetupIntent());
        assertEquals("succeeded", intent.getStatus());
        PaymentMethod card = stripe.v1().paymentMethods().retrieve(intent.getPaymentMethod());
        assertEquals(customer.getId(), card.getCustomer());
        assertEquals("mastercard", card.getCard().getBrand());
        Customer updated = stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(card.getId()).build()).build());
        assertEquals(card.getId(), updated.getInvoiceSettings().getDefaultPaymentMethod());
        assertEquals("complete", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
    }

    @Test
    void anExpiredSessionCannotBeCompleted() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCustomer(customer.getId())
                .setSuccessUrl("https://tollgate.test/done").build());
        Session expired = stripe.v1().checkout().sessions().expire(session.getId());
        assertEquals("expired", expired.getStatus());
        assertNull(expired.getUrl());
        HttpResponse<String> late = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fake.baseUrl() + "/_fake/checkout_sessions/" + session.getId() + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, late.statusCode());
        assertTrue(late.body().contains("\"type\" : \"invalid_request_error\""));
        assertEquals("canceled", stripe.v1().setupIntents().retrieve(session.getSetupIntent()).getStatus());
        assertEquals(0, fake.count("payment_method"));
        InvalidRequestException setupOnly = assertThrows(InvalidRequestException.class, () ->
                stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tollgate.test/done").build()));
        assertEquals("mode", setupOnly.getStripeError().getParam());
    }

    @Test
    void aFailingEndpointGetsTheEventAgain() throws Exception {
        receiver.failNext(2);
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCustomer(customer.getId())
                .setSuccessUrl("https://tollgate.test/done").build());
        fake.completeCheckoutSession(session.getId());
        List<Event> events = verifiedEvents();
        assertEquals(List.of("checkout.session.completed", "setup_intent.succeeded"),
                events.stream().map(Event::getType).sorted().toList());
        assertEquals(4, receiver.received().size());
        int attempts = fake.webhookDeliveries().stream().mapToInt(WebhookDelivery::attempts).sum();
        assertEquals(4, attempts);
        assertTrue(fake.webhookDeliveries().stream().allMatch(WebhookDelivery::delivered));
    }

    @Test
    void pendingItemsAreInvoicedFinalizedAndPaidWithTheDefaultCard() throws Exception {
        Customer customer = customerWithDefaultCard();
        InvoiceItem platform = stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder()
                .setCustomer(customer.getId()).setAmount(4900L).setCurrency("usd").setDescription("Pro plan").build());
        stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setAmount(1234L).setCurrency("usd").setDescription("Queries beyond the allowance").build());
        assertTrue(platform.getId().startsWith("ii_"));
        assertNull(platform.getInvoice());

        Invoice draft = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(customer.getId())
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE)
                .putMetadata("tollgate_invoice", "inv_1").build());
        assertTrue(draft.getId().startsWith("in_"));
        assertEquals("draft", draft.getStatus());
        assertEquals(6134L, draft.getAmountDue());
        assertEquals(6134L, draft.getTotal());
        assertEquals(List.of(4900L, 1234L), draft.getLines().getData().stream().map(l -> l.getAmount()).toList());
        assertEquals(platform.getId(),
                draft.getLines().getData().get(0).getParent().getInvoiceItemDetails().getInvoiceItem());
        assertEquals(draft.getId(), stripe.v1().invoiceItems().retrieve(platform.getId()).getInvoice());

        Invoice open = stripe.v1().invoices().finalizeInvoice(draft.getId());
        assertEquals("open", open.getStatus());
        assertNotNull(open.getNumber());
        assertNotNull(open.getStatusTransitions().getFinalizedAt());
        assertNotNull(open.getHostedInvoiceUrl());

        Invoice paid = stripe.v1().invoices().pay(open.getId());
        assertEquals("paid", paid.getStatus());
        assertEquals(6134L, paid.getAmountPaid());
        assertEquals(0L, paid.getAmountRemaining());
        assertEquals(1L, paid.getAttemptCount());
        assertEquals(Map.of("tollgate_invoice", "inv_1"), paid.getMetadata());

        List<Event> events = verifiedEvents();
        assertEquals(List.of("invoice.paid"), events.stream().map(Event::getType).toList());
        Invoice fromEvent = (Invoice) events.get(0).getDataObjectDeserializer().getObject().orElseThrow();
        assertEquals(paid.getId(), fromEvent.getId());
        assertEquals(6134L, fromEvent.getAmountPaid());
        assertEquals(List.of(paid.getId()), stripe.v1().invoices().list(InvoiceListParams.builder()
                .setCustomer(customer.getId()).build()).getData().stream().map(Invoice::getId).toList());
        assertEquals(List.of("invoice.created", "invoice.finalized", "invoice.payment_succeeded", "invoice.paid"),
                fake.eventTypes().stream().filter(t -> t.startsWith("invoice.")).toList());
    }

    @Test
    void aDeclinedPaymentLeavesTheInvoiceOpenAndSaysSo() throws Exception {
        Customer customer = customerWithDefaultCard();
        Invoice open = openInvoice(customer, 2500L);
        fake.failNextPayment(customer.getId());

        CardException declined = assertThrows(CardException.class, () -> stripe.v1().invoices().pay(open.getId()));
        assertEquals(402, declined.getStatusCode());
        assertEquals("card_declined", declined.getCode());
        assertEquals("generic_decline", declined.getDeclineCode());
        Invoice after = stripe.v1().invoices().retrieve(open.getId());
        assertEquals("open", after.getStatus());
        assertEquals(1L, after.getAttemptCount());
        assertEquals(2500L, after.getAmountRemaining());
        List<Event> events = verifiedEvents();
        assertEquals(List.of("invoice.payment_failed"), events.stream().map(Event::getType).toList());

        // only the next payment was made to fail: the retry succeeds
        assertEquals("paid", stripe.v1().invoices().pay(open.getId()).getStatus());
        assertEquals(2L, stripe.v1().invoices().retrieve(open.getId()).getAttemptCount());
    }

    @Test
    void aCustomerWithoutADefaultCardCannotPay() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        Invoice open = openInvoice(customer, 900L);
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().invoices().pay(open.getId()));
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getStripeError().getMessage().contains("no attached payment source or default payment"));
        assertEquals(List.of("invoice.payment_failed"), verifiedEvents().stream().map(Event::getType).toList());

        Invoice voided = stripe.v1().invoices().voidInvoice(open.getId());
        assertEquals("void", voided.getStatus());
        assertNotNull(voided.getStatusTransitions().getVoidedAt());
        InvalidRequestException notPayable = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().invoices().pay(open.getId()));
        assertEquals(400, notPayable.getStatusCode());
    }

    @Test
    void aTamperedPayloadFailsVerification() throws Exception {
        Customer customer = customerWithDefaultCard();
        stripe.v1().invoices().pay(openInvoice(customer, 100L).getId());
        assertTrue(fake.awaitWebhooks(Duration.ofSeconds(10)));
        WebhookReceiver.Received delivery = receiver.received().get(0);
        assertEquals("invoice.paid", Webhook.constructEvent(delivery.payload(), delivery.signature(), webhookSecret,
                300).getType());
        String tampered = delivery.payload().replace("\"amount_paid\" : 100", "\"amount_paid\" : 1");
        assertTrue(!tampered.equals(delivery.payload()));
        assertThrows(SignatureVerificationException.class, () -> Webhook.constructEvent(
                tampered, delivery.signature(), webhookSecret, 300));
        assertThrows(SignatureVerificationException.class, () -> Webhook.constructEvent(
                delivery.payload(), delivery.signature(), "whsec_someone_else", 300));
    }

    private Customer customerWithDefaultCard() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        PaymentMethod card = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        return stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(card.getId()).build()).build());
    }

    private Invoice openInvoice(Customer customer, long amount) throws StripeException {
        Invoice draft = stripe.v1().invoices().create(InvoiceCreateParams.builder().setCustomer(customer.getId())
                .setCurrency("eur").build());
        stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(customer.getId())
                .setInvoice(draft.getId()).setAmount(amount).setCurrency("eur").build());
        Invoice open = stripe.v1().invoices().finalizeInvoice(draft.getId());
        assertEquals(amount, open.getAmountDue());
        return open;
    }
}
