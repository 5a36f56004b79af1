package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.RunBackupsUseCase;
import dev.tollgate.proxy.application.port.out.BackupFiles;
import dev.tollgate.proxy.application.port.out.BackupStore;
import dev.tollgate.proxy.application.port.out.BranchDumps;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.domain.Backup;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.DataCluster;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes branch backups (ADR 0072). A pending backup is claimed under {@code FOR UPDATE SKIP LOCKED} and turned running
 * with a lease in the same transaction, so one worker of one node takes it; the lease is renewed while {@code pg_dump}
 * runs. A node that stops or crashes stops renewing: {@link #failInterrupted} (at start and on every run, on any node)
 * fails the backup, which is never left running nor taken again (its dump may be partial).
 */
@Singleton
class BackupWorker implements RunBackupsUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(BackupWorker.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 50;

    private final BackupStore backups;
    private final BranchStore branches;
    private final DataClusters clusters;
    private final BranchDumps dumps;
    private final BackupFiles files;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    BackupWorker(BackupStore backups, BranchStore branches, DataClusters clusters, BranchDumps dumps, BackupFiles files,
                 TransactionOperations<Connection> transactions, Clock clock) {
        this.backups = backups;
        this.branches = branches;
        this.clusters = clusters;
        this.dumps = dumps;
        this.files = files;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Claimed(Backup backup, Optional<Branch> branch) {
    }

    @Override
    public boolean takeNext() {
        Optional<Claimed> claimed = transactions.executeWrite(status -> backups.nextPending().map(pending -> {
            Backup running = pending.running(clock.instant(), clock.instant().plus(LEASE));
            backups.save(running);
            return new Claimed(running, branches.findById(running.branchId()));
        }));
        if (claimed.isEmpty()) {
            return false;
        }
        Backup backup = claimed.get().backup();
        try {
            Branch branch = claimed.get().branch().orElseThrow(() -> new IOException("the branch was deleted before its backup was taken"));
            DataCluster cluster = clusters.named(branch.dataCluster())
                    .orElseThrow(() -> new IOException("the data cluster " + branch.dataCluster() + " is not configured on this node"));
            long size = files.write(backup.storageKey(), file -> dumps.dump(cluster, branch.clusterDatabase(), file, () -> renew(backup)));
            boolean kept = transactions.executeWrite(status -> backups.finish(backup.succeeded(size, clock.instant())));
            if (!kept) {
                removeQuietly(backup); // deleted (or failed by a sweep) while it ran
            } else {
                LOG.info("Backup {} of branch {}: {} bytes", backup.publicId(), branch.publicId(), size);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Backup {} failed: {}", backup.publicId(), e.getMessage());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            transactions.executeWrite(status -> backups.finish(backup.failed(reason, clock.instant())));
            removeQuietly(backup);
        }
        return true;
    }

    private void renew(Backup backup) {
        try {
            transactions.executeWrite(status -> backups.renew(backup.id(), clock.instant().plus(LEASE)));
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the lease of backup {}: {}", backup.publicId(), e.getMessage());
        }
    }

    @Override
    public int failInterrupted() {
        return transactions.executeWrite(status -> {
            List<Backup> lapsed = backups.lapsed(clock.instant(), BATCH);
            for (Backup backup : lapsed) {
                LOG.warn("Backup {} was running on a node that stopped; it failed", backup.publicId());
                backups.save(backup.failed("interrupted: the node taking it stopped before it completed", clock.instant()));
            }
            return lapsed.size();
        });
    }

    @Override
    public int purgeExpired() {
        List<Backup> expired = transactions.executeRead(status -> backups.expired(clock.instant(), BATCH));
        for (Backup backup : expired) {
            try {
                files.delete(backup.storageKey());
            } catch (IOException e) {
                LOG.warn("Could not remove expired backup {}; tried again later: {}", backup.publicId(), e.getMessage());
                continue;
            }
            transactions.executeWrite(status -> {
                backups.delete(backup.id());
                return null;
            });
        }
        return expired.size();
    }

    private void removeQuietly(Backup backup) {
        try {
            files.delete(backup.storageKey());
        } catch (IOException e) {
            LOG.warn("Could not remove the dump of backup {}: {}", backup.publicId(), e.getMessage());
        }
    }
}
