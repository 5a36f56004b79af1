package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers and payment methods through stripe-java 31.1.0; auth, 404s, unknown parameters and idempotency. */
class FakeStripeCustomersTest {
    private FakeStripe fake;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        fake = FakeStripe.start();
        stripe = client(fake.secretKey());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private StripeClient client(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(fake.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @Test
    void customersAreCreatedRetrievedUpdatedListedAndDeleted() throws StripeException {
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("ada@example.test").setName("Ada").putMetadata("org_id", "org_1").putMetadata("tier", "pro")
                .build());
        assertTrue(created.getId().startsWith("cus_"));
        assertEquals("customer", created.getObject());
        assertEquals(false, created.getLivemode());
        assertTrue(created.getCreated() > 1_700_000_000L);
        assertEquals(Map.of("org_id", "org_1", "tier", "pro"), created.getMetadata());
        assertNull(created.getInvoiceSettings().getDefaultPaymentMethod());

        Customer read = stripe.v1().customers().retrieve(created.getId());
        assertEquals("ada@example.test", read.getEmail());
        assertEquals("Ada", read.getName());

        // metadata merges; an empty value removes the key
        Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                .setName("Ada Lovelace").putMetadata("tier", "").putMetadata("region", "eu").build());
        assertEquals("Ada Lovelace", updated.getName());
        assertEquals(Map.of("org_id", "org_1", "region", "eu"), updated.getMetadata());

        Customer other = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("bob@example.test")
                .build());
        StripeCollection<Customer> all = stripe.v1().customers().list(CustomerListParams.builder().build());
        assertEquals(List.of(other.getId(), created.getId()), all.getData().stream().map(Customer::getId).toList());
        StripeCollection<Customer> byEmail = stripe.v1().customers().list(CustomerListParams.builder()
                .setEmail("ada@example.test").build());
        assertEquals(List.of(created.getId()), byEmail.getData().stream().map(Customer::getId).toList());
        StripeCollection<Customer> firstPage = stripe.v1().customers().list(CustomerListParams.builder().setLimit(1L)
                .build());
        assertEquals(List.of(other.getId()), firstPage.getData().stream().map(Customer::getId).toList());
        assertTrue(firstPage.getHasMore());

        Customer deleted = stripe.v1().customers().delete(created.getId());
        assertTrue(deleted.getDeleted());
        assertEquals(1, fake.count("customer"));
        assertEquals(List.of("customer.created", "customer.updated", "customer.created", "customer.deleted"),
                fake.eventTypes());
    }

    @Test
    void paymentMethodsAreAttachedListedMadeDefaultAndDetached() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        PaymentMethod card = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        assertTrue(card.getId().startsWith("pm_"));
        assertEquals(customer.getId(), card.getCustomer());
        assertEquals("card", card.getType());
        assertEquals("visa", card.getCard().getBrand());
        assertEquals("4242", card.getCard().getLast4());

        StripeCollection<PaymentMethod> cards = stripe.v1().paymentMethods().list(PaymentMethodListParams.builder()
                .setCustomer(customer.getId()).setType(PaymentMethodListParams.Type.CARD).build());
        assertEquals(List.of(card.getId()), cards.getData().stream().map(PaymentMethod::getId).toList());

        Customer withDefault = stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(card.getId()).build()).build());
        assertEquals(card.getId(), withDefault.getInvoiceSettings().getDefaultPaymentMethod());

        PaymentMethod detached = stripe.v1().paymentMethods().detach(card.getId());
        assertNull(detached.getCustomer());
        assertNull(stripe.v1().customers().retrieve(customer.getId()).getInvoiceSettings().getDefaultPaymentMethod());
        assertEquals(0, stripe.v1().customers().paymentMethods().list(customer.getId()).getData().size());
    }

    @Test
    void aDefaultPaymentMethodMustBeTheCustomers() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        Customer other = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        PaymentMethod othersCard = stripe.v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(other.getId()).build());
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () ->
                stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                        .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod(othersCard.getId()).build()).build()));
        assertEquals(400, refused.getStatusCode());
        assertEquals("invoice_settings[default_payment_method]", refused.getStripeError().getParam());
    }

    @Test
    void anUnknownIdIsStripes404() {
        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().customers().retrieve("cus_doesnotexist"));
        assertEquals(404, missing.getStatusCode());
        assertEquals("invalid_request_error", missing.getStripeError().getType());
        assertEquals("resource_missing", missing.getCode());
        assertEquals("id", missing.getStripeError().getParam());
        assertEquals("No such customer: 'cus_doesnotexist'", missing.getStripeError().getMessage());
        assertTrue(missing.getRequestId().startsWith("req_"));
        InvalidRequestException missingExpanded = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().customers().retrieve("cus_doesnotexist", CustomerRetrieveParams.builder()
                        .addExpand("invoice_settings.default_payment_method").build()));
        assertEquals("resource_missing", missingExpanded.getCode());
        InvalidRequestException missingInvoice = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().invoices().pay("in_doesnotexist"));
        assertEquals(404, missingInvoice.getStatusCode());
        assertEquals("No such invoice: 'in_doesnotexist'", missingInvoice.getStripeError().getMessage());
    }

    @Test
    void aWrongKeyIs401() {
        StripeClient wrong = client("sk_test_not_the_fakes_key");
        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> wrong.v1().customers().create(CustomerCreateParams.builder().setEmail("x@example.test").build()));
        assertEquals(401, refused.getStatusCode());
        assertEquals("invalid_request_error", refused.getStripeError().getType());
        assertTrue(refused.getStripeError().getMessage().startsWith("Invalid API Key provided: sk_test_"));
        assertFalse(refused.getStripeError().getMessage().contains("not_the_fakes"));
        assertEquals(0, fake.count("customer"));
    }

    @Test
    void badParametersAreRefusedWithStripesCodes() {
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class, () ->
                stripe.v1().customers().create(CustomerCreateParams.builder().putExtraParam("colour", "blue").build()));
        assertEquals("parameter_unknown", unknown.getCode());
        assertEquals("colour", unknown.getStripeError().getParam());

        InvalidRequestException missing = assertThrows(InvalidRequestException.class, () ->
                stripe.v1().paymentMethods().attach("pm_card_visa", PaymentMethodAttachParams.builder().build()));
        assertEquals("parameter_missing", missing.getCode());
        assertEquals("customer", missing.getStripeError().getParam());
    }

    @Test
    void theSameIdempotencyKeyTwiceCreatesOneCustomer() throws StripeException {
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail("once@example.test").build();
        RequestOptions once = RequestOptions.builder().setIdempotencyKey("create-customer-org_1").build();
        Customer first = stripe.v1().customers().create(params, once);
        Customer second = stripe.v1().customers().create(params, once);
        assertEquals(first.getId(), second.getId());
        assertEquals(1, fake.count("customer"));
        List<RecordedRequest> posts = fake.requests("POST", "/v1/customers");
        assertEquals(2, posts.size());
        assertEquals(List.of(false, true), posts.stream().map(RecordedRequest::replayed).toList());
        assertEquals(List.of("create-customer-org_1", "create-customer-org_1"),
                posts.stream().map(RecordedRequest::idempotencyKey).toList());

        IdempotencyException reused = assertThrows(IdempotencyException.class, () -> stripe.v1().customers().create(
                CustomerCreateParams.builder().setEmail("other@example.test").build(), once));
        assertEquals(400, reused.getStatusCode());
        assertEquals("idempotency_error", reused.getStripeError().getType());
        assertEquals(1, fake.count("customer"));
        Customer another = stripe.v1().customers().create(params,
                RequestOptions.builder().setIdempotencyKey("create-customer-org_2").build());
        assertNotEquals(first.getId(), another.getId());
    }
}
