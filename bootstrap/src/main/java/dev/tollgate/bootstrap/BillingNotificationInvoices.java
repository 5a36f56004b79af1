package dev.tollgate.bootstrap;

import dev.tollgate.billing.api.InvoiceDocuments;
import dev.tollgate.webhooks.api.spi.NotificationInvoices;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** OpenMeter's invoice notifications carry the invoice, which only billing renders; only the deployable holds both. */
@Singleton
final class BillingNotificationInvoices implements NotificationInvoices {
    private final InvoiceDocuments invoices;

    BillingNotificationInvoices(InvoiceDocuments invoices) {
        this.invoices = invoices;
    }

    @Override
    public Optional<Map<String, Object>> find(UUID namespace, String invoiceId) {
        return invoices.openMeterInvoice(namespace, invoiceId);
    }
}
