package dev.tollgate.catalog.standalone;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Catalog on its own (its module tests) has no metering and no plans of tiers: what the deployable's bridges answer,
 * these stand-ins answer here. They exist only in tests: in the deployable a missing bridge fails start-up.
 */
@Factory
class StandInBridges {
    /** No metering, so no meter exists: the tests define static features only. */
    @Singleton
    MeterDirectory noMeters() {
        return (namespace, meterSlug) -> Optional.empty();
    }

    /** No tiers, so no seat limit (0 = unlimited). */
    @Singleton
    SeatLimits noSeatLimits() {
        return organizationPublicId -> 0;
    }

    /** Without the deployable a new workspace has no services of other modules to be provisioned in. */
    @jakarta.inject.Singleton
    dev.tollgate.tenancy.api.spi.WorkspaceProvisioning noWorkspaceProvisioning() {
        return new dev.tollgate.tenancy.api.spi.WorkspaceProvisioning() {
            @Override
            public java.util.List<String> services() {
                return java.util.List.of();
            }

            @Override
            public void provision(String service, java.util.UUID organizationId, String organizationPublicId) {
            }
        };
    }

    /** Without the deployable there are no other modules' resources for an organization to leave behind. */
    @jakarta.inject.Singleton
    dev.tollgate.tenancy.api.spi.OrganizationResources noOrganizationResources() {
        return (operator, organizationId) -> {
        };
    }
}
