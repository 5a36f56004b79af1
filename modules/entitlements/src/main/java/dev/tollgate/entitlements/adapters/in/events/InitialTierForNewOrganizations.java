package dev.tollgate.entitlements.adapters.in.events;

import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.tenancy.api.events.OrganizationCreated;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Every new organization starts on a tier, in the transaction that creates it: {@code tollgate.tiers.initial},
 * starter unless configured otherwise (a self-hosted deployment may start everyone on a bigger tier). With billing
 * present that is a subscription to the tier's plan from this moment.
 */
@Singleton
final class InitialTierForNewOrganizations {
    private final TierChanges tiers;
    private final String initialTier;

    InitialTierForNewOrganizations(TierChanges tiers, @Value("${tollgate.tiers.initial:starter}") String initialTier) {
        this.tiers = tiers;
        this.initialTier = initialTier;
    }

    @EventListener
    void onCreated(OrganizationCreated created) {
        tiers.move(created.publicId(), initialTier, null, false);
    }
}
