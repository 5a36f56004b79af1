package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.ProjectInsights.ShapeTotals;
import dev.tollgate.proxy.domain.ProjectInsights.Totals;
import dev.tollgate.proxy.domain.ShapeStats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Query shape figures at rest, one row per (project, region, period, shape). */
public interface QueryShapeStore {
    /** Adds the figures to the rows of their (project, region, period, shape), creating those that are new. */
    void add(List<ShapeStats> counted);

    /** The project's {@code limit} most called tracked shapes over the periods from {@code since}, most called first. */
    List<ShapeTotals> mostCalled(UUID projectId, Instant since, int limit);

    /** The project's figures over the periods from {@code since}, all statements (untracked ones included). */
    Totals totals(UUID projectId, Instant since);

    /** Deletes the periods before {@code cutoff}; returns how many rows. */
    int deleteBefore(Instant cutoff);

    /**
     * The project's tracked shapes observed since {@code since}, most called first, a page of them ({@code hash} null), or
     * the one with {@code hash}; and how many there are in all.
     */
    dev.tollgate.platform.domain.Page<dev.tollgate.proxy.domain.ObservedShape> observed(UUID projectId, Instant since, String hash,
                                                                                       dev.tollgate.platform.domain.PageRequest page);
}
