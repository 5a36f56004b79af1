package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.ManageBackupsUseCase;
import dev.tollgate.proxy.application.port.out.BackupFiles;
import dev.tollgate.proxy.application.port.out.BackupRetention;
import dev.tollgate.proxy.application.port.out.BackupStore;
import dev.tollgate.proxy.domain.Backup;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Branch backups (ADR 0072). A request records a pending backup and returns; {@link BackupWorker} takes it. Kept for
 * {@code tollgate.backups.retention} (7 days): Tollgate's tiers state no backup retention of their own yet.
 */
@Singleton
class BackupService implements ManageBackupsUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private final ManagedLookup lookup;
    private final BackupStore backups;
    private final BackupFiles files;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final AuditTrail audit;
    private final BackupRetention retention;

    BackupService(ManagedLookup lookup, BackupStore backups, BackupFiles files, TransactionOperations<Connection> transactions, Clock clock,
                  AuditTrail audit, BackupRetention retention) {
        this.lookup = lookup;
        this.backups = backups;
        this.files = files;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.retention = retention;
    }

    @Override
    public Page<Backup> list(Caller caller, String organization, String database, String branch, PageRequest page) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return backups.list(lookup.branch(target, branch).id(), page);
        });
    }

    @Override
    public Backup create(Caller caller, String organization, String database, String branch) {
        return transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            Branch source = lookup.branch(target, branch);
            if (!source.ready()) {
                throw new ConflictException("branch_not_ready", "the branch \"" + source.name() + "\" is not ready yet");
            }
            Backup backup = Backup.requested(target.project().id(), source, clock.instant(), retention.retention());
            backups.add(backup);
            audit.record(caller, target.project().organizationId(), AuditTrail.Change.created("backup", backup.publicId(),
                    "Backup '" + backup.name() + "' of branch '" + source.name() + "' of database '" + target.database().name() + "' requested",
                    fields(backup, source)));
            return backup;
        });
    }

    @Override
    public Backup get(Caller caller, String organization, String database, String branch, String backupId) {
        return transactions.executeRead(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.READ_PROJECTS);
            return find(lookup.branch(target, branch), backupId);
        });
    }

    @Override
    public void delete(Caller caller, String organization, String database, String branch, String backupId) {
        Backup removed = transactions.executeWrite(status -> {
            ManagedLookup.Target target = lookup.database(caller, organization, database, Capability.MANAGE_PROJECTS);
            Branch source = lookup.branch(target, branch);
            Backup backup = find(source, backupId);
            backups.delete(backup.id());
            audit.record(caller, target.project().organizationId(), AuditTrail.Change.deleted("backup", backup.publicId(),
                    "Backup '" + backup.name() + "' of branch '" + source.name() + "' of database '" + target.database().name() + "' deleted",
                    fields(backup, source)));
            return backup;
        });
        // After the commit: a running backup's worker finds its row gone and removes what it wrote itself.
        try {
            files.delete(removed.storageKey());
        } catch (IOException e) {
            LOG.warn("The dump of deleted backup {} stays in the backup store: {}", removed.publicId(), e.getMessage());
        }
    }

    private Backup find(Branch branch, String backupId) {
        UUID id;
        try {
            id = TypeId.parse("bkp", backupId);
        } catch (IllegalArgumentException notOurs) {
            throw NotFoundException.of("Backup", backupId);
        }
        return backups.find(id).filter(b -> b.branchId().equals(branch.id())).orElseThrow(() -> NotFoundException.of("Backup", backupId));
    }

    private static Map<String, Object> fields(Backup backup, Branch branch) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", backup.name());
        fields.put("branch", branch.name());
        fields.put("state", backup.state().wire());
        fields.put("expires_at", backup.expiresAt().toString());
        return fields;
    }
}
