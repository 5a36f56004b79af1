package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.tenancy.api.Caller;

/** PgBeam's view of an organization's tier: read by its members, changed by the platform operator. */
public interface ManageTiersUseCase {
    /** The organization's public id and its limits; needs read access to the organization. */
    OrganizationTier organizationTier(Caller caller, String organizationIdOrSlug);

    /**
     * {@code billingProvider} and {@code subscriptionStatus} as the operator last reported them (null before any
     * report).
     */
    record OrganizationTier(String organizationId, OrganizationLimits limits, String billingProvider, String subscriptionStatus,
                            java.math.BigDecimal spendLimit) {
        private static final java.util.Set<String> SELF_SERVE = java.util.Set.of("starter", "pro", "scale");

        /** Priced by hand (SetEnterprisePlan or limits of its own) rather than by a self-serve tier. */
        public boolean customPricing() {
            return limits.customPricing() || !SELF_SERVE.contains(limits.tier());
        }
    }

    /**
     * PgBeam's UpdateSpendLimit: the monthly cap on the organization's usage-based charges (null removes it; ADR 0041).
     * Needs {@code MANAGE_BILLING}: a member may read the cap, not raise it.
     */
    OrganizationTier updateSpendLimit(Caller caller, String organizationIdOrSlug, java.math.BigDecimal spendLimit);

    /**
     * PgBeam's SubmitCancellationFeedback, kept as given (both optional; at most 200 and 10,000 characters). Needs
     * {@code MANAGE_BILLING}, as cancelling does.
     */
    void submitCancellationFeedback(Caller caller, String organizationIdOrSlug, String reason, String feedback);

    enum SyncOutcome { SYNCED, SKIPPED_CUSTOM_PRICING }

    /**
     * The operator's report of a subscription change: the organization moves to {@code plan} while the subscription
     * stands (active, trialing, past due) and back to starter once it has ended (canceled, unpaid, expired, none); the
     * status and Stripe ids are kept. An organization on custom pricing is left as it is (PgBeam's
     * {@code skipped_custom_pricing}).
     */
    SyncOutcome syncPlan(Caller caller, String organizationId, String plan, String status, String stripeCustomerId,
                         String stripeSubscriptionId);

    /** The operator's custom enterprise pricing, billed through {@code billingProvider}: the enterprise tier with these limits (null keeps the tier's). */
    OrganizationTier setEnterprisePlan(Caller caller, String organizationId, String billingProvider,
                                       dev.tollgate.entitlements.api.EntitlementsApi.CustomLimits limits);
}
