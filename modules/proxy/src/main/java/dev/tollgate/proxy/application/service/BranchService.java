package dev.tollgate.proxy.application.service;

import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.in.ManageBranchesUseCase;
import dev.tollgate.proxy.application.port.out.BackupStore;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Branches (ADR 0056). A new branch is a copy of its parent's database made by PostgreSQL ({@code CREATE DATABASE …
 * TEMPLATE}): its schema, and its rows when the database allows data branching and {@code seed_data} asks for them.
 */
@Singleton
class BranchService implements ManageBranchesUseCase {
    private final ManagedLookup lookup;
    private final BranchStore branches;
    private final ManagedDatabaseStore databases;
    private final ManagedTeardown teardown;
    private final BranchProvisioning provisioning;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    private final AuditTrail audit;
    private final BackupStore backups;

    BranchService(ManagedLookup lookup, BranchStore branches, ManagedDatabaseStore databases, ManagedTeardown teardown,
                  BranchProvisioning provisioning, TransactionOperations<Connection> transactions, Clock clock, AuditTrail audit,
                  BackupStore backups) {
        this.audit = audit;
        this.backups = backups;
        this.lookup = lookup;
        this.branches = branches;
        this.databases = databases;
        this.teardown = teardown;
        this.provisioning = provisioning;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Page<BranchView> list(Caller caller, String organization, String database, PageRequest page) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return branches.list(target.project().id(), page).map(b -> view(b, target));
        });
    }

    @Override
    public BranchView create(Caller caller, String organization, String database, CreateBranchCommand c) {
        Branch created = transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            ManagedDatabase managed = target.database();
            String name = ManagedDatabase.checkName("name", c.name());
            String parentName = c.parentBranch() == null ? managed.settings().defaultBranch() : c.parentBranch();
            Branch parent = branches.find(target.project().id(), parentName).orElseThrow(() -> new ValidationException("parent_branch",
                    "the database has no branch named \"" + parentName + "\""));
            if (!parent.ready()) {
                throw new ValidationException("parent_branch", "the branch \"" + parentName + "\" is not ready yet");
            }
            dev.tollgate.proxy.domain.Backup backup = c.backupId() == null ? null : restorable(target, c.backupId());
            boolean withData = c.seedData() != null && !c.seedData().isBlank();
            if (withData && !managed.settings().allowDataBranching()) {
                throw new ValidationException("seed_data", "data branching is off for this database (allow_data_branching)");
            }
            if (c.region() != null && !c.region().equals(managed.region())) {
                throw new ValidationException("region", "a branch lives in its database's region, \"" + managed.region() + "\"");
            }
            ClusterSizeInfo size = lookup.size("cluster_size", c.clusterSize(), parent.clusterSize());
            if (branches.find(target.project().id(), name).isPresent()) {
                throw new dev.tollgate.platform.domain.ConflictException("branch_exists",
                        "the database already has a branch named \"" + name + "\"");
            }
            Branch branch = Branch.create(target.project().id(), name, parent.name(), false, size.slug(), parent.dataCluster(),
                    parent.clusterDatabase(), withData, clock.instant());
            if (backup != null) {
                branch = branch.restoring(backup.id()); // an empty database the backup is restored into (ADR 0072)
            }
            branches.save(branch);
            audit.record(caller, target.project().organizationId(), AuditTrail.Change.created("branch", branch.publicId(),
                    "Branch '" + name + "' of database '" + managed.name() + "' created from '" + parent.name() + "'"
                            + (backup != null ? " restored from backup '" + backup.name() + "'" : withData ? " with its data" : ""),
                    ProxyAuditFields.of(branch)));
            return branch;
        });
        if (provisioning.settle(created) == BranchProvisioning.Outcome.PARENT_BUSY) {
            throw new dev.tollgate.platform.domain.ConflictException("parent_branch_busy", "the branch \"" + created.parentBranch()
                    + "\" kept sessions that hold its database (session-mode clients or long transactions); PostgreSQL copies a branch"
                    + " only while nobody is connected to it: try again when they end");
        }
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return view(branches.findById(created.id()).orElseThrow(), target);
        });
    }

    @Override
    public BranchView get(Caller caller, String organization, String database, String branch) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return view(lookup.branch(target, branch), target);
        });
    }

    @Override
    public BranchView resize(Caller caller, String organization, String database, String branch, String clusterSize) {
        return transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            Branch current = lookup.branch(target, branch);
            if (clusterSize == null) {
                return view(current, target); // nothing asked to change
            }
            Instant now = clock.instant();
            Branch resized = current.resized(lookup.size("cluster_size", clusterSize, null).slug(), now);
            branches.save(resized);
            if (!resized.clusterSize().equals(current.clusterSize())) {
                audit.record(caller, target.project().organizationId(), AuditTrail.Change.updated("branch", resized.publicId(),
                        "Branch '" + resized.name() + "' resized to " + resized.clusterSize(), ProxyAuditFields.of(current),
                        ProxyAuditFields.of(resized)));
            }
            if (resized.production()) {
                target.database().resize(resized.clusterSize(), now);
                databases.save(target.database());
            }
            return view(resized, target);
        });
    }

    @Override
    public void delete(Caller caller, String organization, String database, String branch) {
        record Removed(Branch branch, List<BranchLogin> logins) {
        }
        Removed removed = transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            Branch current = lookup.branch(target, branch);
            if (current.production()) {
                throw new ValidationException("branch", "production branches cannot be deleted");
            }
            Instant now = clock.instant();
            List<BranchLogin> logins = teardown.removeLogins(current, now);
            Branch deleted = current.deleted(now);
            branches.save(deleted);
            audit.record(caller, target.project().organizationId(), AuditTrail.Change.deleted("branch", current.publicId(),
                    "Branch '" + current.name() + "' of database '" + target.database().name() + "' deleted", ProxyAuditFields.of(current)));
            return new Removed(deleted, logins);
        });
        removed.logins().forEach(login -> provisioning.settle(login, removed.branch()));
        provisioning.settle(removed.branch());
    }

    /** A completed backup of one of the database's branches, named by {@code createBranch}'s {@code backup_id}. */
    private dev.tollgate.proxy.domain.Backup restorable(ManagedLookup.Target target, String backupId) {
        java.util.Optional<dev.tollgate.proxy.domain.Backup> found;
        try {
            found = backups.find(dev.tollgate.platform.domain.TypeId.parse("bkp", backupId));
        } catch (IllegalArgumentException notOurs) {
            found = java.util.Optional.empty();
        }
        dev.tollgate.proxy.domain.Backup backup = found.filter(b -> b.projectId().equals(target.project().id()))
                .orElseThrow(() -> new ValidationException("backup_id", "the database has no backup \"" + backupId + "\""));
        if (!backup.restorable()) {
            throw new ValidationException("backup_id", "the backup \"" + backupId + "\" is " + backup.state().wire() + ", not complete");
        }
        return backup;
    }

    private BranchView view(Branch branch, ManagedLookup.Target target) {
        return new BranchView(branch, lookup.region(target.database().region()));
    }
}
