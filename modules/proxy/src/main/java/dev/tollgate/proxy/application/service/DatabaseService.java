package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.ratelimit.RateLimiter;
import dev.tollgate.proxy.application.port.in.ManageDatabasesUseCase;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import dev.tollgate.proxy.application.port.out.UpstreamProbe;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.DatabaseSpec;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@Singleton
class DatabaseService implements ManageDatabasesUseCase {
    /** Each test dials out: a few a minute per database is plenty for someone debugging, and no port scanner. */
    static final RateLimiter.Limit CONNECTION_TESTS = new RateLimiter.Limit("connection-test", 10, java.time.Duration.ofMinutes(1));
    private final DatabaseStore databases;
    private final ProjectStore projects;
    private final ProjectLookup lookup;
    private final SecretSealer sealer;
    private final UpstreamProbe probe;
    private final Clock clock;
    private final PlanGuard plan;
    private final DestinationCheck destinations;
    private final RateLimiter limiter;

    private final AuditTrail audit;

    DatabaseService(DatabaseStore databases, ProjectStore projects, ProjectLookup lookup, SecretSealer sealer,
                    UpstreamProbe probe, Clock clock, PlanGuard plan, DestinationCheck destinations, RateLimiter limiter,
                    AuditTrail audit) {
        this.audit = audit;
        this.plan = plan;
        this.limiter = limiter;
        this.destinations = destinations;
        this.databases = databases;
        this.projects = projects;
        this.lookup = lookup;
        this.sealer = sealer;
        this.probe = probe;
        this.clock = clock;
    }

    /** Registers a database in {@code project} within the caller's transaction (shared with project creation). */
    Database register(Project project, DatabaseSpec spec, Instant now) {
        plan.requirePoolWithinTier(project, spec.poolConfig());
        destinations.requireAllowed(spec.host(), spec.port());
        UUID id = TypeId.newUuid();
        Database database = new Database(id, project.id(), spec.host(), spec.port(), spec.name(), spec.username(),
                sealer.seal(spec.password(), Database.passwordContext(id)), spec.sslMode(), spec.role(), spec.poolConfig(),
                spec.cacheConfig(), spec.poolRegion(), spec.queryTimeoutMs(), spec.autoReadRouting(), now, now, null);
        databases.save(database);
        return database;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Database> list(Caller caller, String projectId, PageRequest page) {
        return databases.list(lookup.project(caller, projectId, Capability.READ_PROJECTS).id(), page);
    }

    @Override
    @Transactional
    public Database create(Caller caller, String projectId, DatabaseSpec spec) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        plan.requireDatabaseSlot(project);
        Database database = register(project, spec, clock.instant());
        audit.record(caller, project.organizationId(), AuditTrail.Change.created("database", database.publicId(),
                "Database " + database.name() + " at " + database.host() + " registered in project '" + project.name() + "'",
                ProxyAuditFields.of(database)));
        return database;
    }

    @Override
    @Transactional(readOnly = true)
    public Database get(Caller caller, String projectId, String databaseId) {
        return lookup.database(caller, lookup.project(caller, projectId, Capability.READ_PROJECTS), databaseId);
    }

    @Override
    @Transactional
    public Database update(Caller caller, String projectId, String databaseId, UpdateDatabaseCommand c) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        Database current = lookup.database(caller, project, databaseId);
        String password = c.password() != null ? c.password() : sealer.open(current.sealedPassword(), Database.passwordContext(current.id()));
        DatabaseSpec spec = DatabaseSpec.of(
                c.host() != null ? c.host() : current.host(),
                c.port() != null ? c.port() : current.port(),
                c.name() != null ? c.name() : current.name(),
                c.username() != null ? c.username() : current.username(),
                password,
                c.sslMode() != null ? c.sslMode() : current.sslMode().wireName(),
                c.role() != null ? c.role() : current.role().wireName(),
                c.poolConfig() != null ? c.poolConfig() : current.poolConfig(),
                c.cacheConfig() != null ? c.cacheConfig() : current.cacheConfig(),
                c.poolRegion() != null ? c.poolRegion() : current.poolRegion(),
                c.queryTimeoutMs() != null ? c.queryTimeoutMs() : current.queryTimeoutMs(),
                c.autoReadRouting() != null ? c.autoReadRouting() : current.autoReadRouting());
        if (c.poolConfig() != null) {
            plan.requirePoolWithinTier(project, spec.poolConfig());
        }
        if (!spec.host().equals(current.host()) || spec.port() != current.port()) {
            destinations.requireAllowed(spec.host(), spec.port());
        }
        Database updated = new Database(current.id(), current.projectId(), spec.host(), spec.port(), spec.name(), spec.username(),
                sealer.seal(spec.password(), Database.passwordContext(current.id())), spec.sslMode(), spec.role(),
                spec.poolConfig(), spec.cacheConfig(), spec.poolRegion(), spec.queryTimeoutMs(), spec.autoReadRouting(),
                current.createdAt(), clock.instant(), null);
        databases.save(updated);
        var before = ProxyAuditFields.of(current);
        var after = ProxyAuditFields.of(updated);
        if (c.password() != null) {
            after.put("password_changed", true); // that it changed, never what it is
        }
        if (!after.equals(before)) {
            audit.record(caller, project.organizationId(), AuditTrail.Change.updated("database", updated.publicId(),
                    "Database " + updated.name() + " of project '" + project.name() + "' updated", before, after));
        }
        return updated;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String projectId, String databaseId) {
        Project project = lookup.project(caller, projectId, Capability.MANAGE_PROJECTS);
        Database database = lookup.database(caller, project, databaseId);
        if (databases.count(project.id()) <= 1) {
            throw new ValidationException("database_id", "a project keeps at least one database; delete the project instead");
        }
        databases.save(database.deleted(clock.instant()));
        audit.record(caller, project.organizationId(), AuditTrail.Change.deleted("database", database.publicId(),
                "Database " + database.name() + " removed from project '" + project.name() + "'", ProxyAuditFields.of(database)));
    }

    @Override
    public ConnectionTest testConnection(Caller caller, String projectId, String databaseId) {
        // Not in a transaction: the dial may take seconds and needs no control-plane connection meanwhile.
        Database database = get(caller, projectId, databaseId);
        limiter.acquire(CONNECTION_TESTS, database.id().toString());
        DestinationCheck.Allowed allowed = destinations.addresses(database.host(), database.port());
        if (allowed.refusal() != null) {
            return new ConnectionTest(false, null, null, allowed.refusal());
        }
        String password = sealer.open(database.sealedPassword(), Database.passwordContext(database.id()));
        UpstreamProbe.Result result = probe.probe(database.host(), allowed.addresses(), database.port(), database.name(), database.username(),
                password, database.sslMode());
        recordConnectionTest(caller, database, result.ok());
        return new ConnectionTest(result.ok(), result.latencyMs(), result.serverVersion(), result.error());
    }

    /** The test itself ran outside any transaction; its record takes one of its own (onboarding reads it back). */
    @Transactional
    protected void recordConnectionTest(Caller caller, Database database, boolean ok) {
        audit.record(caller, lookup.organizationOf(database), AuditTrail.Change.of("database", database.publicId(), "connection_tested",
                "Connection to database " + database.name() + " at " + database.host() + (ok ? " succeeded" : " failed")));
    }

    @Override
    public Project projectOf(Database database) {
        return projects.findById(database.projectId()).orElseThrow();
    }
}
