package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.MetricsSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Metrics snapshots at rest, one per (project, region, minute). */
public interface MetricsSnapshotStore {
    /** Adds the figures to the snapshot of their (project, region, minute), creating it with the given id if new. */
    void add(List<MetricsSnapshot> counted);

    /** The newest {@code limit} snapshots of the project, in {@code region} only unless it is null; newest first. */
    List<MetricsSnapshot> newest(UUID projectId, String region, int limit);

    /** The active connections of the newest snapshot of each region since {@code since}, summed (0 without one). */
    int activeConnections(UUID projectId, Instant since);

    /** Deletes the snapshots of minutes before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff);
}
