package dev.tollgate.entitlements.adapters.in.schedule;

import dev.tollgate.entitlements.application.port.in.AnnounceBoostExpiriesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Announces boosts that ran out on their own every {@code tollgate.entitlements.boost-expiry-interval}; safe on several nodes. */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class BoostExpiryJob {
    private static final Logger LOG = LoggerFactory.getLogger(BoostExpiryJob.class);
    private final AnnounceBoostExpiriesUseCase expiries;

    BoostExpiryJob(AnnounceBoostExpiriesUseCase expiries) {
        this.expiries = expiries;
    }

    @Scheduled(initialDelay = "${tollgate.entitlements.boost-expiry-interval:30s}",
            fixedDelay = "${tollgate.entitlements.boost-expiry-interval:30s}")
    void run() {
        try {
            // Batch after batch until none is due, rather than one batch per interval.
            int handled;
            do {
                handled = expiries.announceDue();
            } while (handled > 0);
        } catch (RuntimeException e) {
            LOG.warn("Announcing expired boosts failed; the next round retries", e);
        }
    }
}
