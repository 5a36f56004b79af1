package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.application.port.in.MeteringInfoUseCase;
import dev.tollgate.metering.application.port.in.MeteringInfoUseCase.CurrencyInfo;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase.Progress;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: info")
final class InfoController {
    private final MeteringInfoUseCase info;
    private final QueryMetersUseCase queries;

    InfoController(MeteringInfoUseCase info, QueryMetersUseCase queries) {
        this.info = info;
        this.queries = queries;
    }

    @Serdeable
    record CurrencyView(String code, String name, String symbol, int subunits) {
    }

    @Serdeable
    record ProgressView(long success, long failed, long total, Instant updatedAt) {
    }

    /** Authenticated like every OpenMeter route; the list itself is the same for everyone. */
    @Get("/info/currencies")
    @Operation(operationId = "listCurrencies", summary = "List supported currencies")
    List<CurrencyView> currencies(Caller caller) {
        return info.currencies().stream().map(c -> new CurrencyView(c.code(), c.name(), c.symbol(), c.subunits())).toList();
    }

    @Get("/info/progress/{id}")
    @Operation(operationId = "getProgress", summary = "Get progress")
    ProgressView progress(Caller caller, String id) {
        Progress p = queries.progress(caller, id);
        return new ProgressView(p.success(), p.failed(), p.total(), p.updatedAt());
    }

    @Get(value = "/debug/metrics", produces = "text/plain")
    @Operation(operationId = "getDebugMetrics", summary = "Get event metrics")
    HttpResponse<String> debugMetrics(Caller caller) {
        return HttpResponse.ok(info.debugMetrics(caller)).contentType("text/plain");
    }
}
