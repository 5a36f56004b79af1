package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.adapters.in.http.openmeter.CatalogViews.PlanAddonView;
import dev.tollgate.catalog.application.port.in.ManagePlanAddonsUseCase;
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

/** The add-ons a plan version offers; an offer is named by its add-on's ULID or key. */
@Controller("/api/v1/plans/{planId}/addons")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: plans")
final class PlanAddonsController {
    private static final List<CatalogStatus> STATUSES = List.of(CatalogStatus.DRAFT, CatalogStatus.ACTIVE, CatalogStatus.ARCHIVED);
    private final ManagePlanAddonsUseCase offers;
    private final Clock clock;

    PlanAddonsController(ManagePlanAddonsUseCase offers, Clock clock) {
        this.offers = offers;
        this.clock = clock;
    }

    @Get
    @Operation(operationId = "listPlanAddons", summary = "List all available add-ons for plan")
    OpenMeterPage<PlanAddonView> list(Caller caller, String planId, HttpRequest<?> request, @Nullable @QueryValue Integer page,
                             @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(offers.list(caller, planId, CatalogQuery.filter(request.getParameters(), STATUSES), pages), pages.limit(),
                offer -> PlanAddonView.of(offer, clock.instant()));
    }

    @Post
    @Operation(operationId = "createPlanAddon", summary = "Create new add-on assignment for plan")
    HttpResponse<PlanAddonView> create(Caller caller, String planId, @Body Map<String, Object> body) {
        return HttpResponse.created(PlanAddonView.of(offers.create(caller, planId, body), clock.instant()));
    }

    @Put("/{planAddonId}")
    @Operation(operationId = "updatePlanAddon", summary = "Update add-on assignment for plan")
    PlanAddonView update(Caller caller, String planId, String planAddonId, @Body Map<String, Object> body) {
        return PlanAddonView.of(offers.update(caller, planId, planAddonId, body), clock.instant());
    }

    @Get("/{planAddonId}")
    @Operation(operationId = "getPlanAddon", summary = "Get add-on assignment for plan")
    PlanAddonView get(Caller caller, String planId, String planAddonId) {
        return PlanAddonView.of(offers.get(caller, planId, planAddonId), clock.instant());
    }

    @Delete("/{planAddonId}")
    @Operation(operationId = "deletePlanAddon", summary = "Delete add-on assignment for plan")
    HttpResponse<Void> delete(Caller caller, String planId, String planAddonId) {
        offers.delete(caller, planId, planAddonId);
        return HttpResponse.noContent();
    }
}
