package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.adapters.in.http.openmeter.CatalogViews.PlanView;
import dev.tollgate.catalog.application.port.in.ManagePlansUseCase;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** OpenMeter's plans: versioned by key, drafts edited, then published, archived, deleted. */
@Controller("/api/v1/plans")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: plans")
final class PlansController {
    private static final List<CatalogStatus> STATUSES = List.of(CatalogStatus.values());
    private final ManagePlansUseCase plans;
    private final Clock clock;

    PlansController(ManagePlansUseCase plans, Clock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    @Get
    @Operation(operationId = "listPlans", summary = "List plans")
    OpenMeterPage<PlanView> list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue Integer page,
                             @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(plans.list(caller, CatalogQuery.filter(request.getParameters(), STATUSES), pages), pages.limit(),
                plan -> PlanView.of(plan, clock.instant()));
    }

    @Post
    @Operation(operationId = "createPlan", summary = "Create a plan")
    HttpResponse<PlanView> create(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(PlanView.of(plans.create(caller, body), clock.instant()));
    }

    @Post("/{planIdOrKey}/next")
    @Operation(operationId = "nextPlan", summary = "New draft plan", deprecated = true)
    HttpResponse<PlanView> next(Caller caller, String planIdOrKey) {
        return HttpResponse.created(PlanView.of(plans.next(caller, planIdOrKey), clock.instant()));
    }

    @Put("/{planId}")
    @Operation(operationId = "updatePlan", summary = "Update a plan")
    PlanView update(Caller caller, String planId, @Body Map<String, Object> body) {
        return PlanView.of(plans.update(caller, planId, body), clock.instant());
    }

    @Get("/{planId}")
    @Operation(operationId = "getPlan", summary = "Get plan")
    PlanView get(Caller caller, String planId, @Nullable @QueryValue Boolean includeLatest) {
        return PlanView.of(plans.get(caller, planId, Boolean.TRUE.equals(includeLatest)), clock.instant());
    }

    @Delete("/{planId}")
    @Operation(operationId = "deletePlan", summary = "Delete plan")
    HttpResponse<Void> delete(Caller caller, String planId) {
        plans.delete(caller, planId);
        return HttpResponse.noContent();
    }

    @Post("/{planId}/archive")
    @Operation(operationId = "archivePlan", summary = "Archive plan version")
    PlanView archive(Caller caller, String planId) {
        return PlanView.of(plans.archive(caller, planId), clock.instant());
    }

    @Post("/{planId}/publish")
    @Operation(operationId = "publishPlan", summary = "Publish plan")
    PlanView publish(Caller caller, String planId) {
        return PlanView.of(plans.publish(caller, planId), clock.instant());
    }
}
