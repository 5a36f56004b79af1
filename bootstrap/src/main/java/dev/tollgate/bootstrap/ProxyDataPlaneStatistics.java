package dev.tollgate.bootstrap;

import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.tenancy.api.spi.DataPlaneStatistics;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/** The workspace overview's data-plane figures, counted by the proxy. */
@Singleton
final class ProxyDataPlaneStatistics implements DataPlaneStatistics {
    private final ProxyApi proxy;

    ProxyDataPlaneStatistics(ProxyApi proxy) {
        this.proxy = proxy;
    }

    @Override
    public java.util.Optional<Instant> firstQueryAt(UUID organizationId) {
        return proxy.firstQueryAt(organizationId);
    }

    @Override
    public Statistics of(UUID organizationId, Instant recentSince, Instant todaySince) {
        ProxyApi.OrganizationStatistics s = proxy.statistics(organizationId, recentSince, todaySince);
        return new Statistics(s.projects(), s.projectsCreatedRecently(), s.databases(), s.databasesCreatedToday(), s.queryShapes(),
                s.queriesToday(), s.unansweredToday());
    }
}
