package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.PaymentMethods;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * A customer has a default payment method when their Stripe customer data (under their Stripe app, ADR 0039) names
 * one. That data is written only after Stripe confirmed the card is attached, and kept by the webhook worker and the
 * Centrali payment routes (ADR 0042); reading it calls nobody, so Centrali's overage settings answer while Stripe is
 * down. No Stripe app, no Stripe customer: no default.
 */
@Singleton
class StripePaymentMethods implements PaymentMethods {
    private final CustomerStripeApps stripeApps;
    private final StripeCustomerStore customers;

    StripePaymentMethods(CustomerStripeApps stripeApps, StripeCustomerStore customers) {
        this.stripeApps = stripeApps;
        this.customers = customers;
    }

    @Override
    public boolean hasDefault(UUID namespace, String customerId) {
        UUID customer = Ulid.parse(customerId).orElse(null);
        return customer != null && stripeApps.of(namespace, customerId).flatMap(app -> customers.find(app.id(), customer))
                .map(data -> data.defaultPaymentMethodId() != null).orElse(false);
    }
}
