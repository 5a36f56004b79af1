package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.MetricsSelection;
import dev.tollgate.proxy.domain.MetricsSnapshot;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** PgBeam's GetProjectMetrics: a project's recent metrics snapshots, newest first. */
public interface GetProjectMetricsUseCase {
    /** The newest snapshots of a project the caller may read (another organization's project is not found). */
    List<MetricsSnapshot> snapshots(Caller caller, String projectId, MetricsSelection selection);
}
