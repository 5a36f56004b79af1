package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.application.port.out.PlanLocks;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.PoolConfig;
import dev.tollgate.proxy.domain.ProjectLimits;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The control plane's side of the tier limits: how many projects an organization and databases a project may have,
 * and the per-project limits a new project starts with. Counts are taken under a lock so that concurrent creations
 * never overshoot.
 */
@Singleton
class PlanGuard {
    private final EntitlementsApi entitlements;
    private final TenancyApi tenancy;
    private final ProjectStore projects;
    private final DatabaseStore databases;
    private final PlanLocks locks;

    PlanGuard(EntitlementsApi entitlements, TenancyApi tenancy, ProjectStore projects, DatabaseStore databases, PlanLocks locks) {
        this.entitlements = entitlements;
        this.tenancy = tenancy;
        this.projects = projects;
        this.databases = databases;
        this.locks = locks;
    }

    /** Refuses a project beyond {@code max_projects}; answers the limits the new project gets from the tier. */
    ProjectLimits requireProjectSlot(UUID organizationId, String organizationPublicId, ProjectLimits defaults) {
        OrganizationLimits limits = entitlements.limitsOf(organizationPublicId);
        locks.lock(organizationId);
        long active = projects.list(organizationId, ProjectSort.CREATED_AT, new PageRequest(0, 1)).total();
        if (limits.maxProjects() > 0 && active >= limits.maxProjects()) {
            throw new ForbiddenException("plan_limit", "Plan limit reached: the " + limits.tier() + " plan allows " + limits.maxProjects()
                    + " active project" + (limits.maxProjects() == 1 ? "" : "s") + "; upgrade the plan or delete a project.");
        }
        return inForce(limits, defaults);
    }

    /** Refuses a database beyond {@code max_databases} in the project. */
    void requireDatabaseSlot(Project project) {
        String publicId = tenancy.findOrganization(project.organizationId()).orElseThrow().publicId();
        OrganizationLimits limits = entitlements.limitsOf(publicId);
        locks.lock(project.id());
        int count = databases.count(project.id());
        if (limits.maxDatabases() > 0 && count >= limits.maxDatabases()) {
            throw new ForbiddenException("plan_limit", "Plan limit reached: the " + limits.tier() + " plan allows " + limits.maxDatabases()
                    + " database" + (limits.maxDatabases() == 1 ? "" : "s") + " per project; upgrade the plan or delete a database.");
        }
    }

    /**
     * The limits in force for an existing project: the proxy enforces its tier's figures, so those are the ones to
     * show; the project's own figures stand where the tier sets none.
     */
    ProjectLimits effectiveLimits(Project project) {
        OrganizationLimits limits = entitlements.limitsOf(tenancy.findOrganization(project.organizationId()).orElseThrow().publicId());
        return inForce(limits, new ProjectLimits(project.maxConnections(), project.queriesPerSecond(), project.burstSize()));
    }

    /** The tier's figures, and {@code fallback}'s where the tier sets none. */
    private static ProjectLimits inForce(OrganizationLimits tier, ProjectLimits fallback) {
        return new ProjectLimits(orDefault(tier.maxConnections(), fallback.maxConnections()),
                orDefault(tier.queriesPerSecond(), fallback.queriesPerSecond()), orDefault(tier.burst(), fallback.burstSize()));
    }

    /** 0 means unlimited in a tier; a project still needs numbers, so it keeps the node's defaults then. */
    private static int orDefault(int tierValue, int fallback) {
        return tierValue > 0 ? tierValue : fallback;
    }

    /**
     * A database's upstream pool stays within its tier's connections per project: the pool is connections the proxy
     * holds open to the tenant's server on the tenant's behalf, and a pool larger than the clients allowed to use it
     * is load without purpose. An unlimited tier keeps the configuration's own bounds.
     */
    void requirePoolWithinTier(Project project, PoolConfig pool) {
        OrganizationLimits limits = entitlements.limitsOf(tenancy.findOrganization(project.organizationId()).orElseThrow().publicId());
        int cap = limits.maxConnections();
        if (cap <= 0) {
            return;
        }
        String field = pool.poolSize() > cap ? "pool_config.pool_size" : pool.minPoolSize() > cap ? "pool_config.min_pool_size" : null;
        if (field != null) {
            throw new ValidationException(field, "must not exceed " + cap + ", the connections per project of the " + limits.tier() + " plan");
        }
    }

    /** Custom domains are a feature of the tier (custom_domains: Scale and Enterprise). */
    void requireCustomDomains(Project project) {
        OrganizationLimits limits = entitlements.limitsOf(tenancy.findOrganization(project.organizationId()).orElseThrow().publicId());
        if (!limits.customDomains()) {
            throw new ForbiddenException("plan_required", "Custom domains require a Scale or Enterprise plan.");
        }
    }
}
