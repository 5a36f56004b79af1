package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.MeterView;
import dev.tollgate.metering.application.port.in.ManageMetersUseCase;
import dev.tollgate.metering.application.port.in.ManageMetersUseCase.MeterDefinition;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Controller("/api/v1/meters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: meters")
final class MetersController {
    private final ManageMetersUseCase meters;

    MetersController(ManageMetersUseCase meters) {
        this.meters = meters;
    }

    @Serdeable
    record MeterCreateBody(String slug, @Nullable String name, @Nullable String description, String aggregation, String eventType,
                           @Nullable String eventFrom, @Nullable String valueProperty, @Nullable Map<String, String> groupBy,
                           @Nullable Map<String, String> metadata) {
    }

    @Serdeable
    record MeterUpdateBody(@Nullable String name, @Nullable String description, @Nullable Map<String, String> groupBy,
                           @Nullable Map<String, String> metadata) {
    }

    /** OpenMeter takes page parameters here yet answers a plain array: the page is cut from the ordered list. */
    @Get
    @Operation(operationId = "listMeters", summary = "List meters")
    List<MeterView> list(Caller caller, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize,
                         @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy,
                         @Nullable @QueryValue Boolean includeDeleted) {
        var paging = dev.tollgate.platform.http.Paging.openmeterPages(page, pageSize);
        Comparator<MeterView> comparator = switch (orderBy == null ? "key" : orderBy) {
            case "key" -> Comparator.comparing(MeterView::slug);
            case "name" -> Comparator.comparing(MeterView::name);
            case "aggregation" -> Comparator.comparing(MeterView::aggregation);
            case "createdAt" -> Comparator.comparing(MeterView::createdAt);
            case "updatedAt" -> Comparator.comparing(MeterView::updatedAt);
            default -> throw new dev.tollgate.platform.domain.ValidationException("orderBy",
                    "must be one of key, name, aggregation, createdAt, updatedAt");
        };
        if (dev.tollgate.platform.http.Paging.descending(order)) {
            comparator = comparator.reversed();
        }
        return meters.list(caller, Boolean.TRUE.equals(includeDeleted)).stream().map(MeterView::of).sorted(comparator)
                .skip(paging.offset()).limit(paging.limit()).toList();
    }

    @Post
    @Operation(operationId = "createMeter", summary = "Create meter")
    HttpResponse<MeterView> create(Caller caller, @Body MeterCreateBody body) {
        return HttpResponse.created(MeterView.of(meters.create(caller, new MeterDefinition(body.slug(), body.name(), body.description(),
                body.aggregation(), body.eventType(), OpenMeterParams.instant("eventFrom", body.eventFrom()), body.valueProperty(),
                body.groupBy(), body.metadata()))));
    }

    @Get("/{meterIdOrSlug}")
    @Operation(operationId = "getMeter", summary = "Get meter")
    MeterView get(Caller caller, String meterIdOrSlug) {
        return MeterView.of(meters.get(caller, meterIdOrSlug));
    }

    @Put("/{meterIdOrSlug}")
    @Operation(operationId = "updateMeter", summary = "Update meter")
    MeterView update(Caller caller, String meterIdOrSlug, @Body MeterUpdateBody body) {
        return MeterView.of(meters.update(caller, meterIdOrSlug, body.name(), body.description(), body.groupBy(), body.metadata()));
    }

    @Delete("/{meterIdOrSlug}")
    @Operation(operationId = "deleteMeter", summary = "Delete meter")
    HttpResponse<Void> delete(Caller caller, String meterIdOrSlug) {
        meters.delete(caller, meterIdOrSlug);
        return HttpResponse.noContent();
    }
}
