package dev.tollgate.tenancy.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneStatistics.Statistics;
import dev.tollgate.tenancy.application.port.in.ReadWorkspaceOverviewUseCase;
import dev.tollgate.tenancy.application.port.in.ReadWorkspaceOverviewUseCase.Overview;
import dev.tollgate.tenancy.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Centrali's overview, in Tollgate's terms (ADR 0064): {@code structures} are the workspace's projects (recently = the
 * last 7 days), {@code records} its databases (registered upstreams and managed branches), {@code users} its members
 * (active = signed in or changed something this week), {@code compute} its queries (functions = query shapes seen this
 * week, runs and failures today). Tollgate keeps no files and runs no jobs of a workspace: {@code storage} and
 * {@code scheduler} are null, as the document says of a service a workspace does not have.
 */
@Controller("/workspace/api/v1/{slug}/overview")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: workspaces")
final class CentraliOverviewController {
    private final ReadWorkspaceOverviewUseCase overviews;

    CentraliOverviewController(ReadWorkspaceOverviewUseCase overviews) {
        this.overviews = overviews;
    }

    @Serdeable
    record Structures(long total, long recentlyCreated) {
    }

    @Serdeable
    record Records(long total, long createdToday) {
    }

    @Serdeable
    record Users(long total, long activeThisWeek) {
    }

    @Serdeable
    record Compute(long functionsTotal, long runsToday, long failedToday) {
    }

    @Serdeable
    record Activity(String id, String type, String resourceType, String resourceId, String actorId, String summary, String at) {
        static Activity of(AuditEntry e) {
            return new Activity(e.publicId(), e.type(), e.resourceType(), e.resourceId(), e.actorId(), e.summary(), e.at().toString());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OverviewView(Structures structures, Records records, Users users, @Nullable Object storage, Compute compute,
                        @Nullable Object scheduler, List<Activity> recentActivity) {
    }

    @Get
    @Operation(summary = "Get aggregated workspace overview with stats from all services")
    OverviewView overview(Caller caller, String slug) {
        Overview o = overviews.overview(caller, slug);
        Statistics s = o.dataPlane();
        return new OverviewView(new Structures(s.projects(), s.projectsCreatedRecently()), new Records(s.databases(), s.databasesCreatedToday()),
                new Users(o.members(), o.membersActiveThisWeek()), null, new Compute(s.queryShapes(), s.queriesToday(), s.unansweredToday()),
                null, o.recentActivity().stream().map(Activity::of).toList());
    }
}
