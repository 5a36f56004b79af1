package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.StripeCheckoutSession;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.billing.domain.app.StripePortalSession;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Map;

/**
 * The Stripe app's own operations (OpenMeter's App: Stripe): its key, what it keeps about customers, and the two
 * Stripe-hosted pages a customer is sent to. A customer's Stripe app is the one their billing profile invoices with,
 * else the namespace's oldest installed Stripe app.
 */
public interface ManageStripeAppUseCase {
    record CustomerData(StripeCustomer data, App app) {
    }

    /** CreateStripeCheckoutSessionRequest; the customer by id or key (creating one here is not supported). */
    record CheckoutCommand(String appId, String customerId, String customerKey, boolean createsCustomer, String stripeCustomerId,
                           Map<String, String> metadata, String currency, String successUrl, String cancelUrl, String returnUrl, String uiMode,
                           String locale, Long expiresAt, String clientReferenceId, String billingAddressCollection,
                           List<String> paymentMethodTypes) {
    }

    record Checkout(String customerId, String stripeCustomerId, StripeCheckoutSession session) {
    }

    /** Replaces the app's key: it must be accepted by Stripe, of the same mode and for the same account. */
    App updateApiKey(Caller caller, String appId, String apiKey);

    CustomerData customerData(Caller caller, String customerIdOrKey);

    /** Both ids checked against Stripe: the customer exists, the payment method is attached to it. */
    CustomerData upsertCustomerData(Caller caller, String customerIdOrKey, String stripeCustomerId, String defaultPaymentMethodId);

    StripePortalSession portalSession(Caller caller, String customerIdOrKey, String configurationId, String locale, String returnUrl);

    /** A Checkout session in setup mode; the customer's Stripe customer is created first when they have none. */
    Checkout checkout(Caller caller, CheckoutCommand command);
}
