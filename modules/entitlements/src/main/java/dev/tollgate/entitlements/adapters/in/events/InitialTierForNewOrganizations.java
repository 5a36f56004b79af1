package dev.tollgate.entitlements.adapters.in.events;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.tenancy.api.events.OrganizationCreated;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Every new organization starts on a tier, in the transaction that creates it: {@code tollgate.tiers.initial},
 * starter unless configured otherwise (a self-hosted deployment may start everyone on a bigger tier).
 */
@Singleton
final class InitialTierForNewOrganizations {
    private final EntitlementsApi entitlements;
    private final String initialTier;

    InitialTierForNewOrganizations(EntitlementsApi entitlements, @Value("${tollgate.tiers.initial:starter}") String initialTier) {
        this.entitlements = entitlements;
        this.initialTier = initialTier;
    }

    @EventListener
    void onCreated(OrganizationCreated created) {
        entitlements.assignTier(created.publicId(), initialTier);
    }
}
