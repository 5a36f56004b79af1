package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.ExportJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where export jobs are kept. */
public interface ExportJobStore {
    /** Adds the job; false when the workspace already has an active one (decided by a unique index, race-free). */
    boolean addIfNoneActive(ExportJob job);

    Optional<ExportJob> find(UUID organizationId, UUID id);

    /** The workspace's active job, else its newest one updated since {@code finishedSince}. */
    Optional<ExportJob> latest(UUID organizationId, Instant finishedSince);

    /** Ids of pending jobs and of processing ones not touched since {@code staleBefore} (their node died), oldest first. */
    List<UUID> due(Instant staleBefore, int limit);

    /**
     * Claims a due job for this node (compare-and-set on its state and last touch), as {@link ExportJob#restarted}
     * makes it; empty when another node has it.
     */
    Optional<ExportJob> claim(UUID id, Instant staleBefore, Instant now);

    /** Writes the job's state, progress and outcome. */
    void save(ExportJob job);

    /** Completed jobs whose link expired before {@code now} and whose archive is still kept. */
    List<UUID> expiredWithArchive(Instant now, int limit);

    /** Marks the job's archive removed. */
    void archiveRemoved(UUID id);
}
