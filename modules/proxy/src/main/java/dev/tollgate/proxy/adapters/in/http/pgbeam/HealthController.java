package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.persistence.DatabaseHealth;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;

/**
 * PgBeam's public health check of the whole deployable: "ok", or "degraded" while the control-plane database does not
 * answer. It lives with the proxy, the module PgBeam's document describes and the last in the module graph.
 */
@Controller("/v1/health")
final class HealthController {
    private final DatabaseHealth database;
    private final Clock clock;
    private final String version;
    private final String imageSha;

    HealthController(DatabaseHealth database, Clock clock, @Value("${tollgate.version:0.1.0}") String version,
                     @Value("${tollgate.image-sha:development}") String imageSha) {
        this.database = database;
        this.clock = clock;
        this.version = version;
        this.imageSha = imageSha;
    }

    @Serdeable
    record HealthResponse(String status, String version, String image_sha, Instant timestamp) {
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "GetHealth", summary = "Health check")
    HealthResponse health() {
        return new HealthResponse(database.isUp() ? "ok" : "degraded", version, imageSha, clock.instant());
    }
}
