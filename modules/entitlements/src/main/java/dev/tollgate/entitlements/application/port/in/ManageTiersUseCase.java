package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.tenancy.api.Caller;

/** PgBeam's view of an organization's tier: read by its members, changed by the platform operator. */
public interface ManageTiersUseCase {
    /** The organization's public id and its limits; needs read access to the organization. */
    OrganizationTier organizationTier(Caller caller, String organizationIdOrSlug);

    record OrganizationTier(String organizationId, OrganizationLimits limits) {
    }

    /**
     * The operator's report of a subscription change: the organization moves to {@code plan} while the subscription
     * stands (active, trialing, past due) and back to starter once it has ended (canceled, unpaid, expired, none).
     */
    void syncPlan(Caller caller, String organizationId, String plan, String status);

    /** The operator's custom enterprise pricing: the enterprise tier with these limits (null keeps the tier's). */
    OrganizationTier setEnterprisePlan(Caller caller, String organizationId, dev.tollgate.entitlements.api.EntitlementsApi.CustomLimits limits);
}
