package dev.tollgate.tenancy.api.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * What an organization's data plane holds and served, for the workspace overview. The proxy counts it; tenancy may not
 * depend on the proxy, so the deployable implements this over it.
 */
public interface DataPlaneStatistics {
    Statistics of(UUID organizationId, Instant recentSince, Instant todaySince);

    /** When the proxy first served a statement of one of the organization's projects (within the figures it keeps). */
    java.util.Optional<Instant> firstQueryAt(UUID organizationId);

    /** See the proxy's {@code ProxyApi.OrganizationStatistics}: the same figures, field by field. */
    record Statistics(long projects, long projectsCreatedRecently, long databases, long databasesCreatedToday, long queryShapes,
                      long queriesToday, long unansweredToday) {
    }
}
