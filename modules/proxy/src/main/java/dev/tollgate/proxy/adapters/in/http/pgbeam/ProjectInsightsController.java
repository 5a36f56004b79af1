package dev.tollgate.proxy.adapters.in.http.pgbeam;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.proxy.application.port.in.GetProjectInsightsUseCase;
import dev.tollgate.proxy.domain.InsightsSelection;
import dev.tollgate.proxy.domain.ProjectInsights;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** PgBeam's query insights of a project: its most called query shapes and its latency over a range (ADR 0057). */
@Controller("/v1/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: projects")
final class ProjectInsightsController {
    private final GetProjectInsightsUseCase insights;

    ProjectInsightsController(GetProjectInsightsUseCase insights) {
        this.insights = insights;
    }

    @Serdeable
    record QueryInsightView(String query_hash, String query_pattern, long total_count, long total_cache_hits, long total_cache_misses,
                            double avg_latency_ms, double p99_latency_ms) {
        static QueryInsightView of(ProjectInsights.Shape s) {
            // A hit was answered from the result cache; every other call went upstream, a miss (ADR 0059, as in ADR 0053).
            return new QueryInsightView(s.hash(), s.pattern(), s.calls(), s.cacheHits(), s.cacheMisses(), s.avgLatencyMs(), s.p99LatencyMs());
        }
    }

    @Serdeable
    record CacheSummaryView(long total_hits, long total_misses, double hit_rate) {
    }

    @Serdeable
    record LatencySummaryView(double avg_ms, double p99_ms) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectInsightsResponse(List<QueryInsightView> queries, CacheSummaryView cache, LatencySummaryView latency) {
    }

    @Get("/{project_id}/insights")
    @Operation(operationId = "GetProjectInsights", summary = "Get query insights for a project")
    ProjectInsightsResponse insights(Caller caller, String project_id, @Nullable @QueryValue("range") String range,
                                     @Nullable @QueryValue("limit") String limit) {
        ProjectInsights found = insights.insights(caller, project_id, InsightsSelection.parse(range, limit));
        return new ProjectInsightsResponse(found.queries().stream().map(QueryInsightView::of).toList(),
                new CacheSummaryView(found.totalCacheHits(), found.totalCalls() - found.totalCacheHits(),
                        found.totalCalls() == 0 ? 0.0 : (double) found.totalCacheHits() / found.totalCalls()),
                new LatencySummaryView(found.avgLatencyMs(), found.p99LatencyMs()));
    }
}
