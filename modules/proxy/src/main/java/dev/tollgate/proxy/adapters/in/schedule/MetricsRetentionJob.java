package dev.tollgate.proxy.adapters.in.schedule;

import dev.tollgate.proxy.application.port.in.RecordMetricsSnapshotsUseCase;
import dev.tollgate.proxy.application.port.in.RecordQueryShapesUseCase;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps metrics snapshots for {@code tollgate.proxy.metrics.retention} (7 days): every
 * {@code tollgate.proxy.metrics.retention-check} (an hour) older minutes are deleted. Every node may run it; deleting
 * what another node deleted already deletes nothing (ADR 0053). Query shape figures (ADR 0057) are kept as long.
 */
@Singleton
class MetricsRetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRetentionJob.class);
    private final RecordMetricsSnapshotsUseCase snapshots;
    private final RecordQueryShapesUseCase shapes;
    private final Duration retention;

    MetricsRetentionJob(RecordMetricsSnapshotsUseCase snapshots, RecordQueryShapesUseCase shapes,
                        @Value("${tollgate.proxy.metrics.retention:7d}") Duration retention) {
        this.snapshots = snapshots;
        this.shapes = shapes;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.metrics.retention-check:1h}", fixedDelay = "${tollgate.proxy.metrics.retention-check:1h}")
    void prune() {
        try {
            int deleted = snapshots.prune(retention);
            if (deleted > 0) {
                LOG.debug("Deleted {} metrics snapshots older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old metrics snapshots; the next run tries again", e);
        }
        try {
            int deleted = shapes.prune(retention);
            if (deleted > 0) {
                LOG.debug("Deleted {} query shape rows older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old query shape figures; the next run tries again", e);
        }
    }
}
