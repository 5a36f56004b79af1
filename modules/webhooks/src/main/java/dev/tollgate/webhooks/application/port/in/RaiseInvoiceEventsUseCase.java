package dev.tollgate.webhooks.application.port.in;

import java.time.Instant;
import java.util.UUID;

/** Turns billing's invoice changes into OpenMeter's {@code invoice.created} / {@code invoice.updated} notifications (ADR 0049). */
public interface RaiseInvoiceEventsUseCase {
    /**
     * An invoice of {@code namespace} (a UUID) was created ({@code created}) or changed to {@code status} (its extended
     * status) at {@code at}.
     */
    record InvoiceChange(String namespace, String invoiceId, boolean created, String status, Instant at) {
    }

    /**
     * Raises one event per live, enabled rule of the change's type in its namespace that has a live, enabled channel,
     * in the caller's transaction; the payload's data is the invoice as OpenMeter shows it. {@code sourceId} (the
     * outbox event's id) makes a repeated call raise nothing.
     */
    void raise(UUID sourceId, InvoiceChange change);
}
