package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase;
import dev.tollgate.billing.application.port.in.InvoicePendingLinesUseCase;
import dev.tollgate.billing.application.port.in.SyncSubscriptionLinesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoice workflow's clock (digest 003b §3.7): plans the lines of subscriptions whose next service period has
 * begun, invoices pending lines that have fallen due, then advances drafts
 * whose collection or draft period is over. Each round claims its invoices with {@code FOR UPDATE SKIP LOCKED}, so
 * any number of nodes may run it; an invoice left half-way by a crash is simply picked up by the next round.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class InvoiceWorkflowJob {
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceWorkflowJob.class);
    private static final int BATCH = 100;
    private final SyncSubscriptionLinesUseCase subscriptions;
    private final InvoicePendingLinesUseCase invoicing;
    private final ChangeInvoiceUseCase invoices;
    private final Clock clock;

    InvoiceWorkflowJob(SyncSubscriptionLinesUseCase subscriptions, InvoicePendingLinesUseCase invoicing, ChangeInvoiceUseCase invoices,
                       Clock clock) {
        this.subscriptions = subscriptions;
        this.invoicing = invoicing;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.billing.invoice-worker-delay:30s}", fixedDelay = "${tollgate.billing.invoice-worker-interval:30s}")
    void run() {
        try {
            int round;
            do {
                round = subscriptions.syncDue(clock.instant(), BATCH);
            } while (round >= BATCH);
            int made = 0;
            do {
                round = invoicing.invoiceDueLines(clock.instant(), BATCH);
                made += round;
            } while (round >= BATCH);
            int moved = 0;
            do {
                round = invoices.advanceWaiting(clock.instant(), BATCH);
                moved += round;
            } while (round >= BATCH);
            if (made + moved > 0) {
                LOG.info("Invoice workflow: {} invoice(s) created from due lines, {} advanced", made, moved);
            }
        } catch (RuntimeException e) {
            LOG.warn("Invoice workflow round failed; the next round retries", e);
        }
    }
}
