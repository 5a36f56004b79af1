package dev.tollgate.tenancy.standalone;

import dev.tollgate.tenancy.api.spi.SeatLimits;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Tenancy on its own (its module tests) has no plans: what the deployable's bridges answer over entitlements, these
 * stand-ins answer here. They exist only in tests: in the deployable a missing bridge fails start-up.
 */
@Factory
class StandInBridges {
    /** No plan, so no seat limit (0 = unlimited). */
    @Singleton
    SeatLimits noSeatLimits() {
        return organizationPublicId -> 0;
    }

    /** No proxy, so an empty data plane: no projects, databases or queries. */
    @Singleton
    dev.tollgate.tenancy.api.spi.DataPlaneStatistics emptyDataPlane() {
        return new dev.tollgate.tenancy.api.spi.DataPlaneStatistics() {
            @Override
            public Statistics of(java.util.UUID organizationId, java.time.Instant recentSince, java.time.Instant todaySince) {
                return new Statistics(0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public java.util.Optional<java.time.Instant> firstQueryAt(java.util.UUID organizationId) {
                return java.util.Optional.empty();
            }
        };
    }

    /** No proxy, so no projects or databases to export. */
    @Singleton
    dev.tollgate.tenancy.api.spi.DataPlaneRecords noDataPlaneRecords() {
        return new dev.tollgate.tenancy.api.spi.DataPlaneRecords() {
            @Override
            public java.util.List<ProjectRecord> projects(java.util.Collection<java.util.UUID> organizationIds) {
                return java.util.List.of();
            }

            @Override
            public java.util.List<DatabaseRecord> databases(java.util.Collection<java.util.UUID> organizationIds) {
                return java.util.List.of();
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
