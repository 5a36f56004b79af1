package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.app.StripeCustomer;
import java.util.Optional;
import java.util.UUID;

/** Which Stripe customer a customer is under a Stripe app. */
public interface StripeCustomerStore {
    void save(StripeCustomer customer);

    Optional<StripeCustomer> find(UUID appId, UUID customerId);

    Optional<StripeCustomer> findByStripeId(UUID appId, String stripeCustomerId);
}
