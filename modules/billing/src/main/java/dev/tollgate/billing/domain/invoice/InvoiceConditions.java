package dev.tollgate.billing.domain.invoice;

import java.time.Instant;

/**
 * The facts the state machine's guards read: the time, the invoice's own dates and workflow, whether validation left
 * critical issues, and whether the invoicing app lets a sync step advance (a custom-invoicing app with a sync hook
 * holds the invoice until the external system reports back).
 */
public record InvoiceConditions(Instant now, Instant collectionAt, Instant draftUntil, boolean autoAdvance, boolean criticalIssues,
                                boolean draftSyncDone, boolean issuingSyncDone) {
    boolean collectionDue() {
        return collectionAt == null || !now.isBefore(collectionAt);
    }

    boolean draftPeriodOver() {
        return draftUntil == null || !now.isBefore(draftUntil);
    }
}
