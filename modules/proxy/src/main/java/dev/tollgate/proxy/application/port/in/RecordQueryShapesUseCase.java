package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.ShapeStats;
import java.time.Duration;
import java.util.List;

/** The data plane's per-shape figures, added to their (project, region, period, shape) rows; and their retention. */
public interface RecordQueryShapesUseCase {
    /** Adds each flush's figures to the row of its shape and period in this node's region, creating it if new. */
    void record(List<ShapeStats> counted);

    /** Deletes the periods older than {@code keep}; returns how many rows. Safe on several nodes at once. */
    int prune(Duration keep);
}
