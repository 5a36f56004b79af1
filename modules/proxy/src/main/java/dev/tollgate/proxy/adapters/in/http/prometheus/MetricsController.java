package dev.tollgate.proxy.adapters.in.http.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Prometheus scrape endpoint for the data plane's metrics (per-project connections, bytes, refusals, login time).
 * Only the operator may scrape it: tenancy's {@code InternalSecretFilter} requires the internal secret, as
 * {@code X-Internal-Secret} or {@code Authorization: Bearer <secret>}; anything else is 401. Centrali's document names
 * the same scrape at {@code /workspace/api/v1/metrics}, protected the same way.
 */
@Controller
@Tag(name = "Tollgate: operations")
final class MetricsController {
    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get("/metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(operationId = "GetMetrics", summary = "Prometheus metrics")
    String scrape() {
        return registry.scrape();
    }

    @Get("/workspace/api/v1/metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(operationId = "GetCentraliMetrics", summary = "Prometheus metrics (Centrali's path)")
    String scrapeForCentrali() {
        return registry.scrape();
    }
}
