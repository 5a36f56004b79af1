package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.InsightsSelection;
import dev.tollgate.proxy.domain.ProjectInsights;
import dev.tollgate.tenancy.api.Caller;

/** PgBeam's GetProjectInsights: a project's most called query shapes and its latency over a recent range. */
public interface GetProjectInsightsUseCase {
    /** The insights of a project the caller may read (another organization's project is not found). */
    ProjectInsights insights(Caller caller, String projectId, InsightsSelection selection);
}
