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
        return (organizationId, recentSince, todaySince) -> new dev.tollgate.tenancy.api.spi.DataPlaneStatistics.Statistics(0, 0, 0, 0, 0, 0, 0);
    }
}
