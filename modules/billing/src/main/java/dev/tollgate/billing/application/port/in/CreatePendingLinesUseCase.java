package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Map;

/** OpenMeter's {@code createPendingInvoiceLine}: lines waiting on the customer's gathering invoice until they are due. */
public interface CreatePendingLinesUseCase {
    PendingLinesCreated createPendingLines(Caller caller, String customerIdOrKey, Map<String, Object> body);

    /** The new lines, priced as of now, the gathering invoice holding them, and whether that invoice was just opened. */
    record PendingLinesCreated(List<InvoiceLine> lines, ShownInvoice invoice, boolean invoiceNew) {
    }
}
