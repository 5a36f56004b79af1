package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.proxy.application.port.in.ListClusterSizesUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;

/** PlanetScale's cluster-size SKUs (ADR 0055): Tollgate's PostgreSQL sizes, not paginated. */
@Controller("/v1/organizations/{organization}/cluster-size-skus")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: cluster sizes")
final class ClusterSizesController {
    private final ListClusterSizesUseCase sizes;

    ClusterSizesController(ListClusterSizesUseCase sizes) {
        this.sizes = sizes;
    }

    @Serdeable
    record ClusterSizeView(String slug, String display_name, BigDecimal vcpus, BigDecimal memory_gb, BigDecimal storage_gb, String engine) {
        static ClusterSizeView of(ClusterSizeInfo s) {
            return new ClusterSizeView(s.slug(), s.displayName(), s.vcpus(), s.memoryGb(), s.storageGb(), s.engine());
        }
    }

    @Serdeable
    record ClusterSizeList(List<ClusterSizeView> data) {
    }

    @Get
    @Operation(operationId = "listClusterSizes", summary = "List cluster sizes")
    ClusterSizeList list(Caller caller, String organization) {
        return new ClusterSizeList(sizes.clusterSizes(caller, organization).stream().map(ClusterSizeView::of).toList());
    }
}
