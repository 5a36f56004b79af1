package dev.tollgate.bootstrap;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import jakarta.inject.Singleton;

/** Tenancy asks how many members a plan includes; plans are entitlements', and only the deployable holds both. */
@Singleton
final class EntitlementSeatLimits implements SeatLimits {
    private final EntitlementsApi entitlements;

    EntitlementSeatLimits(EntitlementsApi entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public int includedSeats(String organizationPublicId) {
        return entitlements.limitsOf(organizationPublicId).includedSeats();
    }
}
