package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.RecordMetricsSnapshotsUseCase;
import dev.tollgate.proxy.domain.MetricsSnapshot;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes PgBeam's metrics snapshots (ADR 0053): every {@code tollgate.proxy.metrics.interval} (a minute by default) the
 * figures each project's {@link SnapshotCounters} gathered on this node are added to the project's snapshot of the
 * current minute in this node's region, off the event loops, and once more when the proxy stops. Snapshots are
 * observations, not billing: a flush that fails is logged and its figures are not retried (the usage reporter is the
 * exact one).
 */
@Singleton
public final class MetricsSnapshotReporter {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsSnapshotReporter.class);

    private final ProxyMetrics metrics;
    private final RecordMetricsSnapshotsUseCase snapshots;
    private final Clock clock;

    MetricsSnapshotReporter(ProxyMetrics metrics, RecordMetricsSnapshotsUseCase snapshots, Clock clock) {
        this.metrics = metrics;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.metrics.interval:1m}", fixedRate = "${tollgate.proxy.metrics.interval:1m}")
    void onSchedule() {
        flush();
    }

    /** Records what was counted since the last flush; false when it could not be stored. */
    public synchronized boolean flush() {
        Instant at = clock.instant();
        List<MetricsSnapshot> counted = new ArrayList<>();
        for (SnapshotCounters project : metrics.snapshotCounters()) {
            MetricsSnapshot snapshot = project.take(TypeId.generate("ms"), at, metrics.activeConnections(project.projectId()));
            if (snapshot != null) {
                counted.add(snapshot);
            }
        }
        try {
            snapshots.record(counted);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not record {} proxy metrics snapshots; their figures are lost", counted.size(), e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        flush();
    }
}
