package dev.tollgate.tenancy.adapters.in.schedule;

import dev.tollgate.tenancy.application.port.in.ExportWorkspaceUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Writes requested workspace exports, and removes archives whose download link has expired. Jobs live in the
 * database and are claimed before they run, so every node can run this at once and a restart resumes.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class ExportWorkerJob {
    private static final int JOBS_PER_ROUND = 2;
    private static final int EXPIRED_PER_ROUND = 100;
    private final ExportWorkspaceUseCase exports;

    ExportWorkerJob(ExportWorkspaceUseCase exports) {
        this.exports = exports;
    }

    @Scheduled(initialDelay = "2s", fixedDelay = "${tollgate.jobs.export-interval:2s}")
    void run() {
        exports.runDue(JOBS_PER_ROUND);
        exports.removeExpiredArchives(EXPIRED_PER_ROUND);
    }
}
