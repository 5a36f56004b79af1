package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.MetricsSnapshot;
import java.time.Duration;
import java.util.List;

/** The data plane's per-minute metrics, added to the snapshots of their minute; and the retention of those snapshots. */
public interface RecordMetricsSnapshotsUseCase {
    /** Adds each flush's figures to its (project, region, minute) snapshot, creating it when it is the minute's first. */
    void record(List<MetricsSnapshot> counted);

    /** Deletes the snapshots of minutes older than {@code keep}; returns how many. Safe on several nodes at once. */
    int prune(Duration keep);
}
