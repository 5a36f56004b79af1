package dev.tollgate.tenancy.adapters.in.http.pgbeam;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/** PgBeam's public health check: "ok", or "degraded" while the control-plane database does not answer. */
@Controller("/v1/health")
final class HealthController {
    private static final long CHECK_INTERVAL_MILLIS = 1000;

    private final DataSource dataSource;
    private final Clock clock;
    private final String version;
    private final String imageSha;
    private volatile long checkedAt;
    private volatile boolean databaseUp = true;

    HealthController(DataSource dataSource, Clock clock, @Value("${tollgate.version:0.1.0}") String version,
                     @Value("${tollgate.image-sha:development}") String imageSha) {
        // Checked on the raw pool: outside a transaction Micronaut's wrapper has no "current" connection to give.
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
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
        return new HealthResponse(databaseUp() ? "ok" : "degraded", version, imageSha, clock.instant());
    }

    /** Checks the database at most once a second, so a health poller cannot load it. */
    private boolean databaseUp() {
        long now = System.currentTimeMillis();
        if (now - checkedAt > CHECK_INTERVAL_MILLIS) {
            checkedAt = now;
            try (var connection = dataSource.getConnection()) {
                databaseUp = connection.isValid(1);
            } catch (Exception e) {
                databaseUp = false;
            }
        }
        return databaseUp;
    }
}
