package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.proxy.application.port.in.RecordQueryShapesUseCase;
import dev.tollgate.proxy.domain.ShapeStats;
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
 * Writes PgBeam's query insights (ADR 0057): every {@code tollgate.proxy.metrics.interval} (a minute), like the metrics
 * snapshots, the figures each project's {@link ShapeBook} gathered on this node are added to the rows of their shapes
 * and period in this node's region, off the event loops, and once more when the proxy stops. Observations, not
 * billing: a flush that fails is logged and its figures are dropped.
 */
@Singleton
public final class QueryShapeReporter {
    private static final Logger LOG = LoggerFactory.getLogger(QueryShapeReporter.class);

    private final ProxyMetrics metrics;
    private final RecordQueryShapesUseCase shapes;
    private final Clock clock;

    QueryShapeReporter(ProxyMetrics metrics, RecordQueryShapesUseCase shapes, Clock clock) {
        this.metrics = metrics;
        this.shapes = shapes;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.metrics.interval:1m}", fixedRate = "${tollgate.proxy.metrics.interval:1m}")
    void onSchedule() {
        flush();
    }

    /** Records what was counted since the last flush; false when it could not be stored. */
    public synchronized boolean flush() {
        Instant at = clock.instant();
        long atNanos = System.nanoTime();
        List<ShapeStats> counted = new ArrayList<>();
        for (ShapeBook project : metrics.shapeBooks()) {
            counted.addAll(project.take(at, atNanos));
        }
        try {
            shapes.record(counted);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not record the figures of {} query shapes; they are lost", counted.size(), e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        flush();
    }
}
