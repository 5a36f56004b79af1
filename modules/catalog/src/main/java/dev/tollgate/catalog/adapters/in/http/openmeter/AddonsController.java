package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.adapters.in.http.openmeter.CatalogViews.AddonView;
import dev.tollgate.catalog.application.port.in.ManageAddonsUseCase;
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

/** OpenMeter's add-ons: versioned like plans (draft, active, archived). */
@Controller("/api/v1/addons")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: add-ons")
final class AddonsController {
    private static final List<CatalogStatus> STATUSES = List.of(CatalogStatus.DRAFT, CatalogStatus.ACTIVE, CatalogStatus.ARCHIVED);
    private final ManageAddonsUseCase addons;
    private final Clock clock;

    AddonsController(ManageAddonsUseCase addons, Clock clock) {
        this.addons = addons;
        this.clock = clock;
    }

    @Get
    @Operation(operationId = "listAddons", summary = "List add-ons")
    OpenMeterPage<AddonView> list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue Integer page,
                             @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(addons.list(caller, CatalogQuery.filter(request.getParameters(), STATUSES), pages), pages.limit(),
                addon -> AddonView.of(addon, clock.instant()));
    }

    @Post
    @Operation(operationId = "createAddon", summary = "Create an add-on")
    HttpResponse<AddonView> create(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(AddonView.of(addons.create(caller, body), clock.instant()));
    }

    @Put("/{addonId}")
    @Operation(operationId = "updateAddon", summary = "Update add-on")
    AddonView update(Caller caller, String addonId, @Body Map<String, Object> body) {
        return AddonView.of(addons.update(caller, addonId, body), clock.instant());
    }

    @Get("/{addonId}")
    @Operation(operationId = "getAddon", summary = "Get add-on")
    AddonView get(Caller caller, String addonId, @Nullable @QueryValue Boolean includeLatest) {
        return AddonView.of(addons.get(caller, addonId, Boolean.TRUE.equals(includeLatest)), clock.instant());
    }

    @Delete("/{addonId}")
    @Operation(operationId = "deleteAddon", summary = "Delete add-on")
    HttpResponse<Void> delete(Caller caller, String addonId) {
        addons.delete(caller, addonId);
        return HttpResponse.noContent();
    }

    @Post("/{addonId}/archive")
    @Operation(operationId = "archiveAddon", summary = "Archive add-on version")
    AddonView archive(Caller caller, String addonId) {
        return AddonView.of(addons.archive(caller, addonId), clock.instant());
    }

    @Post("/{addonId}/publish")
    @Operation(operationId = "publishAddon", summary = "Publish add-on")
    AddonView publish(Caller caller, String addonId) {
        return AddonView.of(addons.publish(caller, addonId), clock.instant());
    }
}
