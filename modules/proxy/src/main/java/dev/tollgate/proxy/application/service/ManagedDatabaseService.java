package dev.tollgate.proxy.application.service;

import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.in.ManageManagedDatabasesUseCase;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.proxy.domain.ManagedDatabase.Settings;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.ProjectLimits;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * PlanetScale's databases (ADR 0056). Each request writes its rows in one transaction and commits before the data
 * cluster is touched ({@link BranchProvisioning}); what the cluster has not done yet is done again on a schedule.
 */
@Singleton
class ManagedDatabaseService implements ManageManagedDatabasesUseCase {
    /** The smallest size: what a database gets when its creator names none. */
    static final String DEFAULT_SIZE = "PG_NANO";

    private final ManagedLookup lookup;
    private final ManagedDatabaseStore databases;
    private final ProjectStore projects;
    private final BranchStore branches;
    private final DataClusters clusters;
    private final RegionCatalog regions;
    private final ProxySettings settings;
    private final PlanGuard plan;
    private final ProjectService projectService;
    private final BranchProvisioning provisioning;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    private final AuditTrail audit;

    ManagedDatabaseService(ManagedLookup lookup, ManagedDatabaseStore databases, ProjectStore projects, BranchStore branches,
                           DataClusters clusters, RegionCatalog regions, ProxySettings settings, PlanGuard plan, ProjectService projectService,
                           BranchProvisioning provisioning, TransactionOperations<Connection> transactions, Clock clock,
                           AuditTrail audit) {
        this.audit = audit;
        this.lookup = lookup;
        this.databases = databases;
        this.projects = projects;
        this.branches = branches;
        this.clusters = clusters;
        this.regions = regions;
        this.settings = settings;
        this.plan = plan;
        this.projectService = projectService;
        this.provisioning = provisioning;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Page<DatabaseView> list(Caller caller, String organization, PageRequest page) {
        return transactions.executeRead(status -> {
            OrganizationSummary org = lookup.organization(caller, organization, Capability.READ_PROJECTS);
            return databases.list(org.id(), page).map(d -> view(d, projects.findById(d.projectId()).orElseThrow()));
        });
    }

    @Override
    public DatabaseView create(Caller caller, String organization, CreateDatabaseCommand command) {
        Branch main = transactions.executeWrite(status -> {
            OrganizationSummary org = lookup.organization(caller, organization, Capability.MANAGE_PROJECTS);
            String name = ManagedDatabase.checkName("name", command.name());
            String chosenPlan = ManagedDatabase.checkPlan(command.plan());
            ClusterSizeInfo size = lookup.size("cluster_size", command.clusterSize(), DEFAULT_SIZE);
            String region = command.region() == null ? regions.local() : command.region();
            if (regions.all().stream().noneMatch(r -> r.id().equals(region))) {
                throw new ValidationException("region", "is not a region Tollgate serves: \"" + region + "\"");
            }
            DataCluster cluster = clusters.inRegion(region).orElseThrow(() -> new ValidationException("region",
                    "has no data cluster for managed databases: \"" + region + "\""));
            if (databases.findByName(org.id(), name).isPresent()) {
                throw new ConflictException("database_exists", "the organization already has a database named \"" + name + "\"");
            }
            Instant now = clock.instant();
            ProjectLimits limits;
            try {
                limits = plan.requireProjectSlot(org.id(), org.publicId(), settings.defaultLimits());
            } catch (ForbiddenException planLimit) {
                throw new ConflictException(planLimit.code(), planLimit.getMessage()); // a business rule: PlanetScale's 422
            }
            Project project = Project.create(org.id(), name, null, List.of(), null, settings.proxyDomain(),
                    new ProjectLimits(size.maxConnections(), limits.queriesPerSecond(), limits.burstSize()), now);
            projects.save(project);
            databases.save(new ManagedDatabase(project.id(), org.id(), name, cluster.name(), region, chosenPlan, size.slug(),
                    Settings.initial(), now, now, null));
            Branch production = Branch.create(project.id(), Branch.DEFAULT_NAME, null, true, size.slug(), cluster.name(), null, false, now);
            branches.save(production);
            ManagedDatabase made = databases.findByProject(project.id()).orElseThrow();
            audit.record(caller, org.id(), AuditTrail.Change.created("database", project.publicId(),
                    "Database '" + name + "' created in " + region + " (" + size.slug() + ")", ProxyAuditFields.of(made)));
            return production;
        });
        provisioning.settle(main);
        return transactions.executeRead(status -> {
            ManagedDatabase created = databases.findByProject(main.projectId()).orElseThrow();
            return view(created, projects.findById(created.projectId()).orElseThrow());
        });
    }

    @Override
    public DatabaseView get(Caller caller, String organization, String database) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return view(target.database(), target.project());
        });
    }

    @Override
    public DatabaseView updateSettings(Caller caller, String organization, String database, UpdateSettingsCommand c) {
        return transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            ManagedDatabase d = target.database();
            var before = ProxyAuditFields.of(d);
            Settings s = d.settings();
            if (c.defaultBranch() != null && branches.find(target.project().id(), c.defaultBranch()).isEmpty()) {
                throw new ValidationException("default_branch", "the database has no branch named \"" + c.defaultBranch() + "\"");
            }
            d.change(new Settings(
                    c.defaultBranch() != null ? c.defaultBranch() : s.defaultBranch(),
                    c.productionBranchWebConsole() != null ? c.productionBranchWebConsole() : s.productionBranchWebConsole(),
                    c.insightsEnabled() != null ? c.insightsEnabled() : s.insightsEnabled(),
                    c.migrationFramework() != null ? c.migrationFramework() : s.migrationFramework(),
                    c.migrationTableName() != null ? c.migrationTableName() : s.migrationTableName(),
                    c.requireApprovalForDeploy() != null ? c.requireApprovalForDeploy() : s.requireApprovalForDeploy(),
                    c.allowDataBranching() != null ? c.allowDataBranching() : s.allowDataBranching()), clock.instant());
            databases.save(d);
            var after = ProxyAuditFields.of(d);
            if (!after.equals(before)) {
                audit.record(caller, target.project().organizationId(), AuditTrail.Change.updated("database", target.project().publicId(),
                        "Settings of database '" + d.name() + "' updated", before, after));
            }
            return view(d, target.project());
        });
    }

    @Override
    public void delete(Caller caller, String organization, String database) {
        ManagedTeardown.Removed removed = transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            audit.record(caller, target.project().organizationId(), AuditTrail.Change.deleted("database", target.project().publicId(),
                    "Database '" + target.database().name() + "' deleted with its branches and passwords", ProxyAuditFields.of(target.database())));
            return projectService.remove(target.project(), clock.instant());
        });
        provisioning.settle(removed);
    }

    private DatabaseView view(ManagedDatabase database, Project project) {
        boolean ready = branches.find(project.id(), database.settings().defaultBranch()).map(Branch::ready).orElse(false);
        return new DatabaseView(database, project, lookup.region(database.region()), ready);
    }
}
