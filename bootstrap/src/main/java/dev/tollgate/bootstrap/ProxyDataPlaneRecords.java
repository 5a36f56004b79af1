package dev.tollgate.bootstrap;

import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.tenancy.api.spi.DataPlaneRecords;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A person's account export lists the projects and databases of their organizations, as the proxy keeps them. */
@Singleton
final class ProxyDataPlaneRecords implements DataPlaneRecords {
    private final ProxyApi proxy;

    ProxyDataPlaneRecords(ProxyApi proxy) {
        this.proxy = proxy;
    }

    @Override
    public List<ProjectRecord> projects(Collection<UUID> organizationIds) {
        return proxy.projectsOf(organizationIds).stream()
                .map(p -> new ProjectRecord(p.id(), p.organizationId(), p.name(), p.description(), p.status(), p.createdAt())).toList();
    }

    @Override
    public List<DatabaseRecord> databases(Collection<UUID> organizationIds) {
        return proxy.databasesOf(organizationIds).stream()
                .map(d -> new DatabaseRecord(d.id(), d.projectId(), d.host(), d.port(), d.name(), d.sslMode(), d.role(), d.createdAt())).toList();
    }
}
