package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.domain.Project;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class ProxyApiService implements ProxyApi {
    private final ProjectStore projects;
    private final ManagedDatabaseStore managed;
    private final dev.tollgate.proxy.application.port.out.OrganizationStatisticsStore statistics;

    private final dev.tollgate.proxy.application.port.out.DatabaseStore databases;

    private final OrganizationProjectsDeletion deletion;

    ProxyApiService(ProjectStore projects, ManagedDatabaseStore managed,
                    dev.tollgate.proxy.application.port.out.OrganizationStatisticsStore statistics,
                    dev.tollgate.proxy.application.port.out.DatabaseStore databases, OrganizationProjectsDeletion deletion) {
        this.deletion = deletion;
        this.databases = databases;
        this.projects = projects;
        this.managed = managed;
        this.statistics = statistics;
    }

    /** At most this many projects per organization and databases per project: more than any tier allows. */
    private static final int MAX_LISTED = 1_000;

    @Override
    @Transactional(readOnly = true)
    public List<ProjectSummary> projectsOf(java.util.Collection<UUID> organizationIds) {
        return organizationIds.stream().flatMap(org -> projects.list(org, ProjectSort.CREATED_AT, new PageRequest(0, MAX_LISTED)).items().stream())
                .map(p -> new ProjectSummary(p.publicId(), TypeId.format("org", p.organizationId()), p.name(),
                        p.description() == null ? "" : p.description(), p.status().wireName(), p.createdAt()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DatabaseSummary> databasesOf(java.util.Collection<UUID> organizationIds) {
        return organizationIds.stream().flatMap(org -> projects.list(org, ProjectSort.CREATED_AT, new PageRequest(0, MAX_LISTED)).items().stream())
                .flatMap(p -> databases.list(p.id(), new PageRequest(0, MAX_LISTED)).items().stream()
                        .map(d -> new DatabaseSummary(d.publicId(), p.publicId(), d.host(), d.port(), d.name(), d.sslMode().wireName(),
                                d.role().wireName(), d.createdAt())))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<java.time.Instant> firstQueryAt(UUID organizationId) {
        return statistics.firstQueryAt(organizationId);
    }

    @Override
    @Transactional(readOnly = true)
    public OrganizationStatistics statistics(UUID organizationId, java.time.Instant recentSince, java.time.Instant todaySince) {
        return statistics.statistics(organizationId, recentSince, todaySince);
    }

    @Override
    public int deleteProjectsOf(dev.tollgate.tenancy.api.Caller operator, UUID organizationId) {
        return deletion.deleteAll(operator, organizationId);
    }

    /** Counted as PlanGuard counts before it admits a project. */
    @Override
    @Transactional(readOnly = true)
    public long activeProjects(UUID organizationId) {
        return projects.list(organizationId, ProjectSort.CREATED_AT, new PageRequest(0, 1)).total();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> projectOf(UUID organizationId, String idOrName) {
        if (idOrName.startsWith("prj_")) {
            UUID id;
            try {
                id = TypeId.parse("prj", idOrName);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return projects.findById(id).filter(p -> p.organizationId().equals(organizationId)).map(Project::publicId);
        }
        // A managed database's name is unique in its organization (ADR 0056): it names that database, whatever else does.
        Optional<String> managedDatabase = managed.findByName(organizationId, idOrName).map(d -> TypeId.format("prj", d.projectId()));
        if (managedDatabase.isPresent()) {
            return managedDatabase;
        }
        Page<Project> all = projects.list(organizationId, ProjectSort.CREATED_AT, new PageRequest(0, MAX_NAMED));
        List<Project> named = all.items().stream().filter(p -> p.name().equals(idOrName)).toList();
        return named.size() == 1 ? Optional.of(named.get(0).publicId()) : Optional.empty();
    }

    /** The most a page holds (more projects than any tier allows): a name is looked for among all of them. */
    private static final int MAX_NAMED = 1_000;
}
