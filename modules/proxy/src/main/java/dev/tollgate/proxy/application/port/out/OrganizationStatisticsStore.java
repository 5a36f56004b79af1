package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.api.ProxyApi.OrganizationStatistics;
import java.time.Instant;
import java.util.UUID;

/** Counts over an organization's projects, databases, query shapes and metrics snapshots, in one round trip. */
public interface OrganizationStatisticsStore {
    OrganizationStatistics statistics(UUID organizationId, Instant recentSince, Instant todaySince);

    /** The earliest period of the organization's query shapes (or minute of its metrics snapshots). */
    java.util.Optional<Instant> firstQueryAt(UUID organizationId);
}
