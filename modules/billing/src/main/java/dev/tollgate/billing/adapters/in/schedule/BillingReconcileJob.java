package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.ReconcileBillingUseCase;
import dev.tollgate.platform.domain.UnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation with Stripe on a schedule (ADR 0043), every {@code tollgate.billing.reconcile-interval} (1 h): repairs
 * what lost webhooks left behind. Every node may run it: each repair is decided under its row lock, so a round that
 * races another (or the webhook worker) repairs nothing twice.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class BillingReconcileJob {
    private static final Logger LOG = LoggerFactory.getLogger(BillingReconcileJob.class);
    private final ReconcileBillingUseCase reconciliation;

    BillingReconcileJob(ReconcileBillingUseCase reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(initialDelay = "${tollgate.billing.reconcile-interval:1h}", fixedDelay = "${tollgate.billing.reconcile-interval:1h}")
    void run() {
        try {
            ReconcileBillingUseCase.Reconciliation done = reconciliation.reconcile();
            if (done.organizationsUpdated() > 0) {
                LOG.info("Stripe reconciliation: {} organization(s) checked, {} repaired", done.organizationsChecked(), done.organizationsUpdated());
            }
        } catch (UnavailableException e) {
            // No platform Stripe account is the usual state of a Tollgate that bills nobody through Stripe: not worth a warning.
            if ("stripe_not_configured".equals(e.code())) {
                LOG.debug("Stripe reconciliation skipped: {}", e.getMessage());
            } else {
                LOG.warn("Stripe reconciliation stopped; the next round retries: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("Stripe reconciliation failed; the next round retries", e);
        }
    }
}
