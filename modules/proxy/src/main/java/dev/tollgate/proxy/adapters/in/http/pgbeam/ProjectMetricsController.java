package dev.tollgate.proxy.adapters.in.http.pgbeam;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.GetProjectMetricsUseCase;
import dev.tollgate.proxy.domain.MetricsSelection;
import dev.tollgate.proxy.domain.MetricsSnapshot;
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
import java.time.Instant;
import java.util.List;

/** PgBeam's per-minute metrics snapshots of a project, as the data plane recorded them (ADR 0053). */
@Controller("/v1/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: projects")
final class ProjectMetricsController {
    private final GetProjectMetricsUseCase metrics;

    ProjectMetricsController(GetProjectMetricsUseCase metrics) {
        this.metrics = metrics;
    }

    @Serdeable
    record MetricsSnapshotView(String id, String project_id, String region, long queries_total, long cache_hits, long cache_misses,
                               int active_connections, double avg_latency_ms, double p99_latency_ms, double avg_connect_ms,
                               double avg_query_ms, Instant created_at) {
        static MetricsSnapshotView of(MetricsSnapshot s) {
            return new MetricsSnapshotView(s.id(), TypeId.format("prj", s.projectId()), s.region(), s.queries(), s.cacheHits(),
                    s.cacheMisses(), s.activeConnections(), s.avgLatencyMs(), s.p99LatencyMs(), s.avgConnectMs(), s.avgQueryMs(),
                    s.createdAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectMetricsResponse(List<MetricsSnapshotView> snapshots) {
    }

    @Get("/{project_id}/metrics")
    @Operation(operationId = "GetProjectMetrics", summary = "Get project metrics")
    ProjectMetricsResponse metrics(Caller caller, String project_id, @Nullable @QueryValue("limit") String limit,
                                   @Nullable @QueryValue("region") String region) {
        return new ProjectMetricsResponse(metrics.snapshots(caller, project_id, MetricsSelection.parse(limit, region)).stream()
                .map(MetricsSnapshotView::of).toList());
    }
}
