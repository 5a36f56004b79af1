package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Backup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Branch backups and the worker's queue of them (ADR 0072). */
public interface BackupStore {
    void add(Backup backup);

    Optional<Backup> find(UUID id);

    /** A branch's backups, oldest first. */
    Page<Backup> list(UUID branchId, PageRequest page);

    /** The oldest pending backup, locked ({@code FOR UPDATE SKIP LOCKED}: another worker has the others) until the transaction ends. */
    Optional<Backup> nextPending();

    /** Running backups whose lease lapsed before {@code now}, locked as {@link #nextPending} locks. */
    List<Backup> lapsed(Instant now, int limit);

    /** Moves a running backup's lease; false when it is no longer running (failed by a sweep, deleted). */
    boolean renew(UUID id, Instant leaseUntil);

    /** Writes a running backup's outcome; false when it is no longer running (failed by a sweep, deleted). */
    boolean finish(Backup outcome);

    /** Writes a backup's state, whatever it was. */
    void save(Backup backup);

    /** Backups that expired before {@code now}, those not running, oldest first. */
    List<Backup> expired(Instant now, int limit);

    void delete(UUID id);
}
