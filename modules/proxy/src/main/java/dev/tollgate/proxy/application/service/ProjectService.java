package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProjectLimits;
import dev.tollgate.proxy.domain.ProjectStatus;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.proxy.domain.ProjectAccessRevoked;
import dev.tollgate.proxy.api.events.ProjectDeleted;
import dev.tollgate.platform.outbox.Outbox;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Singleton
class ProjectService implements ManageProjectsUseCase {
    private final ProjectStore projects;
    private final DatabaseStore databases;
    private final DatabaseService databaseService;
    private final ProjectLookup lookup;
    private final TenancyApi tenancy;
    private final ProxySettings settings;
    private final Clock clock;
    private final dev.tollgate.proxy.application.port.out.CustomDomainStore customDomains;
    private final ApplicationEventPublisher<ProjectAccessRevoked> revocations;
    private final PlanGuard plan;
    private final ProjectMetricsService metrics;
    private final ManagedTeardown teardown;

    private final AuditTrail audit;
    private final Outbox outbox;

    ProjectService(ProjectStore projects, DatabaseStore databases, DatabaseService databaseService, ProjectLookup lookup,
                   TenancyApi tenancy, ProxySettings settings, Clock clock, ApplicationEventPublisher<ProjectAccessRevoked> revocations,
                   PlanGuard plan, dev.tollgate.proxy.application.port.out.CustomDomainStore customDomains,
                   ProjectMetricsService metrics, ManagedTeardown teardown, AuditTrail audit, Outbox outbox) {
        this.outbox = outbox;
        this.audit = audit;
        this.teardown = teardown;
        this.metrics = metrics;
        this.customDomains = customDomains;
        this.plan = plan;
        this.revocations = revocations;
        this.projects = projects;
        this.databases = databases;
        this.databaseService = databaseService;
        this.lookup = lookup;
        this.tenancy = tenancy;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<ProjectView> list(Caller caller, String organizationIdOrSlug, ProjectSort sort, PageRequest page) {
        var organization = tenancy.requireOrganization(caller, organizationIdOrSlug, Capability.READ_PROJECTS);
        return projects.list(organization.id(), sort, page, clock.instant().minus(ProjectMetricsService.CURRENT)).map(this::view);
    }

    @Override
    @Transactional
    public Created create(Caller caller, CreateProjectCommand command) {
        var organization = tenancy.requireOrganization(caller, command.organizationIdOrSlug(), Capability.MANAGE_PROJECTS);
        Instant now = clock.instant();
        ProjectLimits limits = plan.requireProjectSlot(organization.id(), organization.publicId(), settings.defaultLimits());
        Project project = Project.create(organization.id(), command.name(), command.description(), command.tags(),
                command.cloud(), settings.proxyDomain(), limits, now);
        projects.save(project);
        Database primary = databaseService.register(project, command.database(), now);
        audit.record(caller, organization.id(), AuditTrail.Change.created("project", project.publicId(),
                "Project '" + project.name() + "' created", ProxyAuditFields.of(project)));
        audit.record(caller, organization.id(), AuditTrail.Change.created("database", primary.publicId(),
                "Database " + primary.name() + " at " + primary.host() + " registered in project '" + project.name() + "'", ProxyAuditFields.of(primary)));
        return new Created(new ProjectView(project, 1, limits, 0), primary);
    }

    @Override
    @Transactional(readOnly = true)
    public ProjectView get(Caller caller, String projectId) {
        return view(lookup.project(caller, projectId, Capability.READ_PROJECTS));
    }

    @Override
    @Transactional
    public ProjectView update(Caller caller, String projectId, UpdateProjectCommand command) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        var before = ProxyAuditFields.of(project);
        Instant now = clock.instant();
        if (command.name() != null) {
            project.rename(command.name(), now);
        }
        if (command.description() != null) {
            project.describe(command.description(), now);
        }
        if (command.tags() != null) {
            project.retag(command.tags(), now);
        }
        if (command.allowedCidrs() != null) {
            List<CidrEntry> cidrs = new ArrayList<>();
            for (int i = 0; i < command.allowedCidrs().size(); i++) {
                CidrInput input = command.allowedCidrs().get(i);
                cidrs.add(CidrEntry.parse(i, input == null ? null : input.cidr(), input == null ? null : input.label()));
            }
            project.allow(cidrs, now);
        }
        if (command.status() != null) {
            project.changeStatus(ProjectStatus.parse("status", command.status()), now);
        }
        projects.save(project);
        var after = ProxyAuditFields.of(project);
        if (!after.equals(before)) {
            audit.record(caller, project.organizationId(), AuditTrail.Change.updated("project", project.publicId(),
                    "Project '" + project.name() + "' updated", before, after));
        }
        // Live connections were admitted under the old rules; dropping those the new rules refuse applies them at once.
        if (project.status() != ProjectStatus.ACTIVE) {
            revocations.publishEvent(ProjectAccessRevoked.everyone(project.id()));
        } else if (command.allowedCidrs() != null) {
            revocations.publishEvent(ProjectAccessRevoked.outside(project.id(), project.allowedCidrs()));
        }
        return view(project);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String projectId) {
        removeRecorded(caller, lookup.project(caller, projectId, Capability.MANAGE_PROJECTS), clock.instant());
    }

    /** {@link #remove}, recorded in the organization's audit log as {@code caller}'s deletion of the project. */
    ManagedTeardown.Removed removeRecorded(Caller caller, Project project, Instant now) {
        ManagedTeardown.Removed removed = remove(project, now);
        audit.record(caller, project.organizationId(), AuditTrail.Change.deleted("project", project.publicId(),
                "Project '" + project.name() + "' deleted with its databases and domains", ProxyAuditFields.of(project)));
        return removed;
    }

    /**
     * Deletes the project with everything it holds, in the caller's transaction: its registered databases, its custom
     * domains, and when it is a managed database its branches and credentials (dropped from the data cluster after the
     * commit: by the caller, or by the reconciler's next round). This node drops the project's connections at once;
     * {@link ProjectDeleted} has every node drop theirs once the deletion commits.
     */
    ManagedTeardown.Removed remove(Project project, Instant now) {
        project.delete(now);
        projects.save(project);
        databases.deleteAllOf(project.id(), now);
        customDomains.deleteAllOf(project.id()); // a deleted project's hostnames are free for others at once
        ManagedTeardown.Removed removed = teardown.remove(project.id(), now);
        revocations.publishEvent(ProjectAccessRevoked.everyone(project.id()));
        outbox.publish(project.publicId(), new ProjectDeleted(project.organizationId(), project.id(), now));
        return removed;
    }

    private ProjectView view(Project project) {
        return new ProjectView(project, databases.count(project.id()), plan.effectiveLimits(project), metrics.activeConnections(project.id()));
    }
}
