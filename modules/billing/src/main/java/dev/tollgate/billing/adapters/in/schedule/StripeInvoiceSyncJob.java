package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.SyncStripeInvoicesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Syncs the invoices a Stripe app issues while they wait in draft.syncing or issuing.syncing (ADR 0039). */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class StripeInvoiceSyncJob {
    private static final Logger LOG = LoggerFactory.getLogger(StripeInvoiceSyncJob.class);
    private final SyncStripeInvoicesUseCase sync;

    StripeInvoiceSyncJob(SyncStripeInvoicesUseCase sync) {
        this.sync = sync;
    }

    @Scheduled(initialDelay = "${tollgate.billing.stripe-invoice-worker-delay:1s}", fixedDelay = "${tollgate.billing.stripe-invoice-worker-interval:1s}")
    void run() {
        try {
            sync.syncWaiting(50);
        } catch (RuntimeException e) {
            LOG.warn("Stripe invoice sync failed; the next round retries", e);
        }
    }
}
