package dev.tollgate.billing.domain.app;

import java.time.Instant;
import java.util.UUID;

/** OpenMeter's StripeCustomerAppData: the Stripe customer a customer is under one Stripe app, and its default payment method. */
public record StripeCustomer(UUID appId, UUID customerId, UUID namespace, String stripeCustomerId, String defaultPaymentMethodId,
                             Instant createdAt, Instant updatedAt) {
    public StripeCustomer with(String newStripeCustomerId, String newDefaultPaymentMethodId, Instant now) {
        return new StripeCustomer(appId, customerId, namespace, newStripeCustomerId, newDefaultPaymentMethodId, createdAt, now);
    }
}
