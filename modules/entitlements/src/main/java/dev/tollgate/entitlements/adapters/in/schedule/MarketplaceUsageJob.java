package dev.tollgate.entitlements.adapters.in.schedule;

import dev.tollgate.entitlements.application.port.in.ReportMarketplaceUsageUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends marketplace organizations' completed hours to Vercel and AWS (ADR 0044). Safe on several nodes at once: each
 * account-hour is claimed in the ledger in the transaction that sends it.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class MarketplaceUsageJob {
    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceUsageJob.class);
    private final ReportMarketplaceUsageUseCase usage;

    MarketplaceUsageJob(ReportMarketplaceUsageUseCase usage) {
        this.usage = usage;
    }

    @Scheduled(initialDelay = "${tollgate.marketplace.usage.delay:5m}", fixedDelay = "${tollgate.marketplace.usage.interval:15m}")
    void run() {
        try {
            int sent = usage.reportDue();
            if (sent > 0) {
                LOG.info("Sent {} hours of marketplace usage", sent);
            }
        } catch (RuntimeException e) {
            LOG.warn("Marketplace usage round failed; the next one retries", e);
        }
    }
}
