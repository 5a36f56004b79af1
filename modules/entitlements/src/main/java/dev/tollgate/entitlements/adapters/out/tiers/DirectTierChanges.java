package dev.tollgate.entitlements.adapters.out.tiers;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.TierChanges;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * Tier changes without billing: the tier's entitlements replace the organization's at once, whatever the timing.
 * Billing's subscription-backed implementation takes precedence whenever the billing module is present (ADR 0034).
 */
@Singleton
@Secondary
class DirectTierChanges implements TierChanges {
    private final EntitlementsApi entitlements;

    DirectTierChanges(EntitlementsApi entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public void move(String organizationPublicId, String tierKey, EntitlementsApi.CustomLimits customLimits, boolean atPeriodEnd) {
        if (customLimits != null) {
            entitlements.assignCustomLimits(organizationPublicId, customLimits);
        } else {
            entitlements.assignTier(organizationPublicId, tierKey);
        }
    }

    /** Without billing nothing is invoiced, so nothing is collected by anyone here. */
    @Override
    public void collectThrough(String organizationPublicId, String billingProvider) {
    }
}
