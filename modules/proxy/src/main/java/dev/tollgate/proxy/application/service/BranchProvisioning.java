package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.SettleDataClustersUseCase;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.proxy.api.events.BranchReady;
import dev.tollgate.proxy.application.port.out.BackupFiles;
import dev.tollgate.proxy.application.port.out.BackupStore;
import dev.tollgate.proxy.application.port.out.BranchDumps;
import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.domain.Backup;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.TemplateCopy;
import io.micronaut.context.event.ApplicationEventPublisher;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.ClusterAdministration;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.DataCluster;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the data cluster match what the rows say (ADR 0056). A request records its intent (a branch not yet ready, a
 * login not yet created, a deletion) and commits; then this does the cluster's part and marks it done. What fails (a
 * cluster down, a template busy) stays owed and is done again by {@link #settleOwed}, which runs on a schedule: the
 * cluster calls are idempotent, so doing one twice is harmless.
 */
@Singleton
class BranchProvisioning implements SettleDataClustersUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(BranchProvisioning.class);
    private static final int BATCH = 50;
    /** A request settles its own work right after committing: the reconciler leaves it that long to, not to race it. */
    static final java.time.Duration GRACE = java.time.Duration.ofSeconds(30);

    private final BranchStore branches;
    private final BranchLoginStore logins;
    private final DataClusters clusters;
    private final ClusterAdministration admin;
    private final SecretSealer sealer;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final ManagedDatabaseStore databases;
    private final RegionCatalog regions;
    private final Outbox outbox;
    private final ApplicationEventPublisher<TemplateCopy> copies;
    private final BackupStore backups;
    private final BackupFiles files;
    private final BranchDumps dumps;

    BranchProvisioning(BranchStore branches, BranchLoginStore logins, DataClusters clusters, ClusterAdministration admin,
                       SecretSealer sealer, TransactionOperations<Connection> transactions, Clock clock, ManagedDatabaseStore databases,
                       RegionCatalog regions, Outbox outbox, ApplicationEventPublisher<TemplateCopy> copies, BackupStore backups,
                       BackupFiles files, BranchDumps dumps) {
        this.backups = backups;
        this.files = files;
        this.dumps = dumps;
        this.copies = copies;
        this.databases = databases;
        this.regions = regions;
        this.outbox = outbox;
        this.branches = branches;
        this.logins = logins;
        this.clusters = clusters;
        this.admin = admin;
        this.sealer = sealer;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What settling a branch came to. */
    enum Outcome {
        /** The cluster matches the row. */
        SETTLED,
        /** Not yet (a cluster unreachable or not configured here): tried again later. */
        OWED,
        /** The branch's parent kept sessions while it was to be copied: the branch is given up (deleted). */
        PARENT_BUSY
    }

    /** Creates or drops the branch's database as its row says. */
    Outcome settle(Branch branch) {
        Optional<DataCluster> cluster = cluster(branch.dataCluster());
        if (cluster.isEmpty()) {
            return Outcome.OWED;
        }
        try {
            if (branch.deleted()) {
                admin.dropDatabase(cluster.get(), branch.clusterDatabase(), branch.ownerRole());
                transactions.executeWrite(status -> {
                    branches.save(branch.droppedFromCluster(clock.instant()));
                    return null;
                });
                return Outcome.SETTLED;
            }
            create(cluster.get(), branch);
            transactions.executeWrite(status -> {
                // Announced once: only the attempt that turns the row ready (a concurrent one finds it ready).
                if (branches.findById(branch.id()).filter(b -> !b.ready()).isPresent()) {
                    Branch ready = branch.readied(clock.instant());
                    branches.save(ready);
                    announceReady(ready);
                }
                return null;
            });
            return Outcome.SETTLED;
        } catch (ClusterAdministration.TemplateBusy busy) {
            // Not tried again by the reconciler: each try pauses the parent's clients for seconds. The caller says why.
            admin.dropDatabase(cluster.get(), branch.clusterDatabase(), branch.ownerRole()); // the owner role made before the copy
            transactions.executeWrite(status -> {
                branches.save(branch.deleted(clock.instant()).droppedFromCluster(clock.instant()));
                return null;
            });
            return Outcome.PARENT_BUSY;
        } catch (RuntimeException e) {
            LOG.warn("Branch {} ({}) is not settled on data cluster {} yet; it will be tried again", branch.publicId(),
                    branch.deleted() ? "drop" : "create", branch.dataCluster(), e);
            return Outcome.OWED;
        }
    }

    /** A copy is made with this node's pools of the parent paused, so their idle connections do not hold it. */
    private void create(DataCluster cluster, Branch branch) {
        if (branch.restoredFrom() != null) {
            restore(cluster, branch);
            return;
        }
        if (branch.template() == null) {
            admin.createDatabase(cluster, branch.clusterDatabase(), branch.ownerRole(), null, branch.withData());
            return;
        }
        copies.publishEvent(new TemplateCopy(cluster.name(), branch.template(), true));
        try {
            admin.createDatabase(cluster, branch.clusterDatabase(), branch.ownerRole(), branch.template(), branch.withData());
        } finally {
            copies.publishEvent(new TemplateCopy(cluster.name(), branch.template(), false));
        }
    }

    /**
     * A branch from a backup (ADR 0072): a new empty database (what an interrupted attempt left is dropped first) and the
     * backup's dump restored into it by {@code pg_restore} in one transaction, its objects the branch owner's.
     */
    private void restore(DataCluster cluster, Branch branch) {
        Backup backup = transactions.executeRead(status -> backups.find(branch.restoredFrom())).filter(Backup::restorable)
                .orElseThrow(() -> new IllegalStateException("the backup " + TypeId.format("bkp", branch.restoredFrom())
                        + " is gone or not complete"));
        admin.dropDatabase(cluster, branch.clusterDatabase(), branch.ownerRole());
        admin.createDatabase(cluster, branch.clusterDatabase(), branch.ownerRole(), null, false);
        try {
            files.read(backup.storageKey(), file -> {
                dumps.restore(cluster, branch.clusterDatabase(), branch.ownerRole(), file);
                return null;
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not restore backup " + backup.publicId() + ": " + e.getMessage(), e);
        }
    }

    private void announceReady(Branch branch) {
        databases.findByProject(branch.projectId()).ifPresent(database -> {
            String projectId = TypeId.format("prj", branch.projectId());
            outbox.publish(projectId, new BranchReady(database.organizationId(), projectId, database.name(), branch.publicId(), branch.name(),
                    branch.production(), branch.parentBranch(), branch.clusterSize(), database.region(),
                    regions.all().stream().filter(r -> r.id().equals(database.region())).map(Region::name).findFirst().orElse(database.region()),
                    branch.createdAt(), branch.updatedAt()));
        });
    }

    /** Creates or drops the login's role as its row says (its branch's database must exist first); true when done. */
    boolean settle(BranchLogin login, Branch branch) {
        Optional<DataCluster> cluster = cluster(branch.dataCluster());
        if (cluster.isEmpty() || (!login.deleted() && !branch.ready())) {
            return false;
        }
        try {
            if (login.deleted()) {
                admin.dropLogin(cluster.get(), branch.clusterDatabase(), login.username());
                transactions.executeWrite(status -> {
                    logins.save(login.droppedFromCluster());
                    return null;
                });
            } else {
                String password = sealer.open(login.sealedPassword(), BranchLogin.passwordContext(login.id()));
                admin.createLogin(cluster.get(), branch.clusterDatabase(), branch.ownerRole(), login.username(), password, login.access(),
                        login.expiresAt());
                transactions.executeWrite(status -> {
                    logins.save(login.createdOnCluster());
                    return null;
                });
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Login {} of branch {} is not settled on data cluster {} yet; it will be tried again", login.publicId(),
                    branch.publicId(), branch.dataCluster(), e);
            return false;
        }
    }

    /**
     * Drops from its data cluster what a deletion marked ({@link ManagedTeardown#remove}), right after that deletion
     * committed: the logins first, then their branches' databases. What fails stays owed to {@link #settleOwed}.
     */
    void settle(ManagedTeardown.Removed removed) {
        removed.logins().forEach(login -> removed.branches().stream().filter(b -> b.id().equals(login.branchId())).findFirst()
                .ifPresent(branch -> settle(login, branch)));
        removed.branches().forEach(this::settle);
    }

    /** Everything still owed, oldest first: branches before logins, so a login finds its database. */
    @Override
    public void settleOwed() {
        java.time.Instant before = clock.instant().minus(GRACE);
        for (Branch branch : transactions.executeRead(status -> branches.unsettled(before, BATCH))) {
            settle(branch);
        }
        for (BranchLogin login : transactions.executeRead(status -> logins.unsettled(before, BATCH))) {
            transactions.executeRead(status -> branches.findAny(login.branchId())).ifPresent(branch -> settle(login, branch));
        }
    }

    private Optional<DataCluster> cluster(String name) {
        Optional<DataCluster> cluster = clusters.named(name);
        if (cluster.isEmpty()) {
            LOG.warn("Data cluster {} is not configured on this node; its branches wait for it", name);
        }
        return cluster;
    }
}
