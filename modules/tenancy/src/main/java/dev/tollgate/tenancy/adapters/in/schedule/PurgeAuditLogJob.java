package dev.tollgate.tenancy.adapters.in.schedule;

import dev.tollgate.tenancy.application.port.in.PurgeAuditLogUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps each organization's audit log to its tier's retention; hourly, idempotent, safe on several nodes. */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class PurgeAuditLogJob {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeAuditLogJob.class);
    private final PurgeAuditLogUseCase purge;

    PurgeAuditLogJob(PurgeAuditLogUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(initialDelay = "2m", fixedDelay = "${tollgate.jobs.audit-purge-interval:1h}")
    void run() {
        long purged = purge.purgeExpired();
        if (purged > 0) {
            LOG.info("Purged {} audit entr(ies) past their tier's retention", purged);
        }
    }
}
