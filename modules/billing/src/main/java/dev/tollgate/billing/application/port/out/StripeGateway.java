package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.app.StripeCheckoutSession;
import dev.tollgate.billing.domain.app.StripePortalSession;
import java.util.List;
import java.util.Map;

/**
 * Stripe, as billing needs it (implemented over stripe-java in {@code adapters.out.stripe}, the only place that knows
 * Stripe's client). Every call takes the app's API key; where Stripe is pointed at is the operator's configuration.
 * A refusal or an outage is a {@link Refused}.
 */
public interface StripeGateway {
    /** Why Stripe said no: the key ({@code AUTHENTICATION}), the request ({@code INVALID}), a card, or Stripe is unreachable. */
    enum Failure { AUTHENTICATION, INVALID, NOT_FOUND, CARD, UNAVAILABLE }

    final class Refused extends RuntimeException {
        private final Failure failure;
        private final String param;

        public Refused(Failure failure, String param, String message) {
            super(message);
            this.failure = failure;
            this.param = param;
        }

        public Failure failure() {
            return failure;
        }

        /** The request parameter Stripe named, if any. */
        public String param() {
            return param;
        }
    }

    /**
     * Who a call acts as: a secret key, and for an account connected through Stripe Connect (ADR 0047) the platform's
     * key with that account's id (stripe-java's {@code Stripe-Account}); {@code account} null = the key's own account.
     */
    record Credential(String apiKey, String account) {
        public static Credential of(String apiKey) {
            return new Credential(apiKey, null);
        }

        @Override
        public String toString() {
            return "Credential[" + (account == null ? "own account" : account) + "]"; // never the key
        }
    }

    record Account(String id) {
    }

    /** Stripe Connect's OAuth answer: the connected account, and whether the connection is live. */
    record Connection(String accountId, boolean livemode) {
    }

    /**
     * Exchanges a Connect OAuth authorization code (Stripe's {@code POST /oauth/token} with the platform's secret key)
     * for the account it connected; a code Stripe does not know (unknown, used, expired) is refused INVALID.
     */
    Connection connectAccount(String platformKey, String code);

    record Endpoint(String id, String secret) {
    }

    record Customer(String id, String defaultPaymentMethodId) {
    }

    /** A card or other payment method; {@code customer} null when attached to nobody. */
    record PaymentMethod(String id, String customer) {
    }

    record SetupIntent(String id, String status, String customer, String paymentMethod, Map<String, String> metadata) {
    }

    /** Checkout in setup mode; every field but mode, customer and metadata passed through as given (null = Stripe's default). */
    record CheckoutRequest(String customer, Map<String, String> metadata, Map<String, String> setupIntentMetadata, String currency,
                           String successUrl, String cancelUrl, String returnUrl, String uiMode, String locale, Long expiresAt,
                           String clientReferenceId, String billingAddressCollection, List<String> paymentMethodTypes) {
    }

    /** A webhook event: {@code object} is {@code data.object} as plain maps, lists, strings, numbers and booleans. */
    record Event(String id, String type, boolean livemode, Map<String, Object> object) {
    }

    /** A Stripe invoice: its status (draft, open, paid, void, uncollectible) and, once finalized, its number. */
    record Invoice(String id, String status, String number) {
    }

    /** A draft invoice collecting only the items added to it (auto-advance off: Tollgate finalizes it); idempotent by key. */
    Invoice createInvoice(Credential credential, String customer, String currency, Map<String, String> metadata, String idempotencyKey);

    /** An item of {@code amount} minor units on the draft invoice; idempotent by key, so a retry never adds a second. */
    void addInvoiceItem(Credential credential, String customer, String invoiceId, String currency, long amount, String description,
                        Map<String, String> metadata, String idempotencyKey);

    Invoice invoice(Credential credential, String invoiceId);

    /** Finalizes the draft with auto-advance on, so Stripe then collects it from the customer's default payment method. */
    Invoice finalizeInvoice(Credential credential, String invoiceId);

    /** The account the key belongs to: proves the key. */
    Account account(Credential credential);

    /**
     * Registers Tollgate's {@code path} (on Tollgate's public URL, the operator's setting) for {@code events};
     * idempotent by {@code idempotencyKey}.
     */
    Endpoint registerWebhook(Credential credential, String path, List<String> events, Map<String, String> metadata, String idempotencyKey);

    void deleteWebhook(Credential credential, String endpointId);

    Customer createCustomer(Credential credential, String name, String email, Map<String, String> metadata, String idempotencyKey);

    /** Refused NOT_FOUND for a customer that does not exist (or was deleted). */
    Customer customer(Credential credential, String customerId);

    PaymentMethod paymentMethod(Credential credential, String paymentMethodId);

    /** The payment method Stripe charges the customer's invoices with. */
    void setDefaultPaymentMethod(Credential credential, String customerId, String paymentMethodId);

    SetupIntent setupIntent(Credential credential, String setupIntentId);

    StripeCheckoutSession createCheckoutSession(Credential credential, CheckoutRequest request, String idempotencyKey);

    StripePortalSession createPortalSession(Credential credential, String customerId, String configurationId, String locale, String returnUrl);

    /**
     * Checks {@code signatureHeader} ({@code Stripe-Signature}) over the exact payload with the endpoint's secret and a
     * tolerance on its timestamp; refused (INVALID) when it does not hold.
     */
    Event verify(String payload, String signatureHeader, String secret, long toleranceSeconds);

    /** An already-verified payload read again (by the worker). */
    Event parse(String payload);

    // payment methods (Centrali)

    /** A card payment method as a dashboard shows it; {@code customer} null when attached to nobody. */
    record Card(String id, String customer, String brand, String last4, Long expMonth, Long expYear) {
    }

    /** A setup intent just created: what Stripe.js needs to collect a card ({@code clientSecret}). */
    record SetupSecret(String id, String clientSecret) {
    }

    /** A setup intent for an off-session card of the customer; idempotent by key. */
    SetupSecret createSetupIntent(Credential credential, String customer, Map<String, String> metadata, String idempotencyKey);

    /** The customer's cards, oldest first (at most 100: a workspace keeps a handful). */
    List<Card> cards(Credential credential, String customerId);

    /** Refused NOT_FOUND for an unknown payment method; other types than card answer null brand and last4. */
    Card card(Credential credential, String paymentMethodId);

    /** Detaches the payment method from its customer (Stripe clears the customer's default if it was that one). */
    void detachPaymentMethod(Credential credential, String paymentMethodId);
}
