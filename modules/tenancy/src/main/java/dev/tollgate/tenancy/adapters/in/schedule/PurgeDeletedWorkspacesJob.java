package dev.tollgate.tenancy.adapters.in.schedule;

import dev.tollgate.tenancy.application.port.in.PurgeDeletedWorkspacesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges workspaces whose 30-day grace period is over. The deadline is stored with the workspace, so nothing is
 * lost across restarts, and the purge is one idempotent DELETE, so several nodes may run it at once.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class PurgeDeletedWorkspacesJob {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeDeletedWorkspacesJob.class);
    private final PurgeDeletedWorkspacesUseCase purge;

    PurgeDeletedWorkspacesJob(PurgeDeletedWorkspacesUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "${tollgate.jobs.purge-interval:1h}")
    void run() {
        int purged = purge.purgeExpired();
        if (purged > 0) {
            LOG.info("Purged {} workspace(s) past their deletion grace period", purged);
        }
    }
}
