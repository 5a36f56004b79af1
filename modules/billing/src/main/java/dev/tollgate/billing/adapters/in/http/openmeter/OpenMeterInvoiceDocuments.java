package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.api.InvoiceDocuments;
import dev.tollgate.billing.application.port.in.ReadInvoicesUseCase;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenMeter dialect's Invoice offered to other modules (ADR 0049): the same {@link InvoiceViews} rendering that
 * {@code getInvoice} answers with, so a notification's invoice can never drift from the API's. It lives in this adapter
 * because the rendering is the dialect's; the application layer stays free of any dialect's shapes.
 */
@Singleton
final class OpenMeterInvoiceDocuments implements InvoiceDocuments {
    private final ReadInvoicesUseCase reads;

    OpenMeterInvoiceDocuments(ReadInvoicesUseCase reads) {
        this.reads = reads;
    }

    @Override
    public Optional<Map<String, Object>> openMeterInvoice(UUID namespace, String invoiceId) {
        // getInvoice's default: expand=lines
        return reads.find(namespace, invoiceId).map(shown -> InvoiceViews.invoice(shown, true));
    }
}
