package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamViews.RegionResponse;
import dev.tollgate.proxy.application.port.in.ListRegionsUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Controller("/v1/regions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: regions")
final class RegionsController {
    private final ListRegionsUseCase regions;

    RegionsController(ListRegionsUseCase regions) {
        this.regions = regions;
    }

    @Serdeable
    record ListRegionsResponse(List<RegionResponse> regions) {
    }

    /** Any authenticated caller may list regions; {@code caller} is declared so the route requires credentials. */
    @Get
    @Operation(operationId = "ListRegions", summary = "List regions")
    ListRegionsResponse list(Caller caller) {
        return new ListRegionsResponse(regions.regions().stream().map(RegionResponse::of).toList());
    }
}
