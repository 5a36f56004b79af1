package dev.tollgate.entitlements.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The billing state the operator last reported for an organization (PgBeam's SyncPlan and SetEnterprisePlan). */
public interface BillingStateStore {

    /**
     * {@code billingProvider}: stripe, vercel, aws or manual; {@code subscriptionStatus}: Stripe's subscription status
     * (none, active, trialing, ...); the Stripe ids when reported.
     */
    record BillingState(String billingProvider, String subscriptionStatus, String stripeCustomerId, String stripeSubscriptionId) {
    }

    Optional<BillingState> find(UUID organizationId);

    /** Every organization's reported state (one row per organization ever reported; the billing health counts them). */
    java.util.Map<UUID, BillingState> all();

    /** Inserts or replaces the organization's state. */
    void save(UUID organizationId, BillingState state, Instant at);

    /** Forgets the organization's state; false when there was none. */
    boolean delete(UUID organizationId);
}
