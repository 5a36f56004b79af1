package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import dev.tollgate.proxy.application.port.out.PlanLocks;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Deletes every live project of an organization as DeleteProject deletes one ({@link ProjectService#removeRecorded}: the
 * same rows marked, the same audit entry, the same {@code ProjectDeleted} for every node), in one transaction; then
 * drops the managed databases' branches and logins from their data cluster, as a managed database's own deletion does.
 * Deleted projects are not listed, so a second run finds nothing and records nothing.
 */
@Singleton
class OrganizationProjectsDeletion {
    private static final int PAGE = 100;
    private final ProjectStore projects;
    private final ProjectService projectService;
    private final PlanLocks locks;
    private final BranchProvisioning provisioning;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    OrganizationProjectsDeletion(ProjectStore projects, ProjectService projectService, PlanLocks locks, BranchProvisioning provisioning,
                                 TransactionOperations<Connection> transactions, Clock clock) {
        this.projects = projects;
        this.projectService = projectService;
        this.locks = locks;
        this.provisioning = provisioning;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Returns how many projects it deleted. */
    int deleteAll(Caller operator, UUID organizationId) {
        List<ManagedTeardown.Removed> removed = transactions.executeWrite(status -> {
            locks.lock(organizationId); // a project being created now (PlanGuard holds this lock) commits first and is deleted too
            Instant now = clock.instant();
            Set<UUID> deleted = new HashSet<>();
            List<ManagedTeardown.Removed> all = new ArrayList<>();
            List<Project> live;
            // The first page again and again: each round's deletions leave it, until none is left.
            while (!(live = projects.list(organizationId, ProjectSort.CREATED_AT, new PageRequest(0, PAGE)).items()).isEmpty()) {
                for (Project project : live) {
                    if (!deleted.add(project.id())) {
                        throw new IllegalStateException("project " + project.publicId() + " is still listed after its deletion");
                    }
                    all.add(projectService.removeRecorded(operator, project, now));
                }
            }
            return all;
        });
        removed.forEach(provisioning::settle);
        return removed.size();
    }
}
