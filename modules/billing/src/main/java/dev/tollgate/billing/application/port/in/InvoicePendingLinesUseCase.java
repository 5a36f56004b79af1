package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns a customer's due pending lines into standard invoices, one per currency: OpenMeter's
 * {@code invoicePendingLinesAction}, and what the collecting worker does when lines fall due.
 */
public interface InvoicePendingLinesUseCase {
    List<ShownInvoice> invoicePendingLines(Caller caller, Map<String, Object> body);

    /** The worker's round: invoices every gathering invoice with a line due by {@code now}; returns how many invoices it made. */
    int invoiceDueLines(Instant now, int limit);
}
