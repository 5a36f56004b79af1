package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.app.StripeCustomer;
import java.util.Optional;
import java.util.UUID;

/** Which Stripe customer a customer is under a Stripe app. */
public interface StripeCustomerStore {
    void save(StripeCustomer customer);

    Optional<StripeCustomer> find(UUID appId, UUID customerId);

    Optional<StripeCustomer> findByStripeId(UUID appId, String stripeCustomerId);

    // reconciliation

    /** Every customer's Stripe customer under the app, oldest first. */
    java.util.List<StripeCustomer> ofApp(UUID appId);

    /**
     * Removes the mapping if it still names {@code stripeCustomerId} (Stripe deleted that customer); false when it is
     * gone or was changed meanwhile, so two reconciliations never both count it.
     */
    boolean forget(UUID appId, UUID customerId, String stripeCustomerId);
}
