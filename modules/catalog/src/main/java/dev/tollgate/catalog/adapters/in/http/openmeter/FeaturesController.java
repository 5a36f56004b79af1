package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.application.port.in.ManageFeaturesUseCase;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** OpenMeter's features: created once, never changed, archived by DELETE. */
@Controller("/api/v1/features")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: features")
final class FeaturesController {
    private final ManageFeaturesUseCase features;

    FeaturesController(ManageFeaturesUseCase features) {
        this.features = features;
    }

    @Serdeable
    record FeatureBody(@Nullable String key, @Nullable String name, @Nullable Map<String, String> metadata, @Nullable String meterSlug,
                       @Nullable Map<String, String> meterGroupByFilters, @Nullable Map<String, Object> advancedMeterGroupByFilters,
                       @Nullable Map<String, Object> unitCost) {
        Feature.Inputs inputs() {
            return new Feature.Inputs(key, name, metadata, meterSlug, meterGroupByFilters, advancedMeterGroupByFilters, unitCost);
        }
    }

    @Serdeable
    record FeatureView(String id, String key, String name, Map<String, String> metadata, String meterSlug,
                       Map<String, String> meterGroupByFilters, Map<String, Object> advancedMeterGroupByFilters,
                       Map<String, Object> unitCost, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        static FeatureView of(Feature f) {
            return new FeatureView(Ulid.of(f.id()), f.key(), f.name(), f.metadata(), f.meterSlug(), f.meterGroupByFilters(),
                    f.advancedMeterGroupByFilters(), f.unitCost(), f.createdAt(), f.updatedAt(), f.archivedAt());
        }
    }

    @Serdeable
    record FeaturePage(long totalCount, int page, int pageSize, List<FeatureView> items) {
    }

    @Post
    @Operation(operationId = "createFeature", summary = "Create feature")
    HttpResponse<FeatureView> create(Caller caller, @Body FeatureBody body) {
        return HttpResponse.created(FeatureView.of(features.create(caller, body.inputs())));
    }

    /**
     * OpenMeter's two list styles: with {@code page} or {@code pageSize}, the paginated object; otherwise a plain array
     * selected by {@code offset} and {@code limit}.
     */
    @Get
    @Operation(operationId = "listFeatures", summary = "List features")
    HttpResponse<?> list(Caller caller, @Nullable @QueryValue List<String> meterSlug, @Nullable @QueryValue Boolean includeArchived,
                         @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue Integer offset,
                         @Nullable @QueryValue Integer limit, @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy) {
        FeatureFilter filter = new FeatureFilter(meterSlug, Boolean.TRUE.equals(includeArchived),
                Paging.orderBy(orderBy, "id", List.of("id", "key", "name", "createdAt", "updatedAt")), Paging.descending(order));
        if (page != null || pageSize != null) {
            PageRequest request = Paging.openmeterPages(page, pageSize);
            Page<Feature> found = features.list(caller, filter, request);
            return HttpResponse.ok(new FeaturePage(found.total(), found.pageNumber(), request.limit(),
                    found.items().stream().map(FeatureView::of).toList()));
        }
        return HttpResponse.ok(features.list(caller, filter, Paging.limitOffset(offset, limit)).items().stream().map(FeatureView::of).toList());
    }

    @Get("/{featureId}")
    @Operation(operationId = "getFeature", summary = "Get feature")
    FeatureView get(Caller caller, String featureId) {
        return FeatureView.of(features.get(caller, featureId));
    }

    @Delete("/{featureId}")
    @Operation(operationId = "deleteFeature", summary = "Delete feature")
    HttpResponse<Void> delete(Caller caller, String featureId) {
        features.archive(caller, featureId);
        return HttpResponse.noContent();
    }
}
