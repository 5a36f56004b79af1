package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.proxy.application.port.in.GetUsageUseCase;
import dev.tollgate.proxy.domain.DailyUsage;
import dev.tollgate.proxy.domain.UsageReportDays;
import dev.tollgate.tenancy.api.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;

/** PgBeam's daily usage reports (UTC days, both dates inclusive), answered from the proxy's meters. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: analytics")
final class UsageController {
    private final GetUsageUseCase usage;

    UsageController(GetUsageUseCase usage) {
        this.usage = usage;
    }

    @Serdeable
    record DailyUsageView(LocalDate day, long queries_total, long cache_hits, long cache_misses, long connection_seconds,
                          long bytes_transferred) {
        static DailyUsageView of(DailyUsage u) {
            return new DailyUsageView(u.day(), u.queries(), u.cacheHits(), u.cacheMisses(), u.connectionSeconds(), u.bytesTransferred());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UsageResponse(List<DailyUsageView> usage) {
    }

    @Serdeable
    record ProjectDailyUsageView(LocalDate day, String region, long queries_total, long cache_hits, long cache_misses,
                                 long connection_seconds, long bytes_transferred) {
        static ProjectDailyUsageView of(DailyUsage u) {
            return new ProjectDailyUsageView(u.day(), u.region(), u.queries(), u.cacheHits(), u.cacheMisses(), u.connectionSeconds(),
                    u.bytesTransferred());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectUsageResponse(List<ProjectDailyUsageView> usage) {
    }

    @Get("/organizations/{org_id}/usage")
    @Operation(operationId = "GetOrganizationUsage", summary = "Get organization usage")
    UsageResponse organization(Caller caller, String org_id, @Nullable @QueryValue("start_date") String start_date,
                               @Nullable @QueryValue("end_date") String end_date) {
        return new UsageResponse(usage.organizationUsage(caller, org_id, UsageReportDays.parse(start_date, end_date)).stream()
                .map(DailyUsageView::of).toList());
    }

    @Get("/projects/{project_id}/usage")
    @Operation(operationId = "GetProjectUsage", summary = "Get project usage")
    ProjectUsageResponse project(Caller caller, String project_id, @Nullable @QueryValue("start_date") String start_date,
                                 @Nullable @QueryValue("end_date") String end_date) {
        return new ProjectUsageResponse(usage.projectUsage(caller, project_id, UsageReportDays.parse(start_date, end_date)).stream()
                .map(ProjectDailyUsageView::of).toList());
    }
}
