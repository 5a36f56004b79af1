package dev.tollgate.webhooks.api.spi;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The invoices OpenMeter's {@code invoice.created} / {@code invoice.updated} notifications carry. Invoices are billing's,
 * which webhooks may not depend on: the deployable bridges this over billing's api.
 */
public interface NotificationInvoices {
    /**
     * The invoice of the namespace as OpenMeter's {@code getInvoice} shows it (lines included), deleted ones too; empty
     * when there is none.
     */
    Optional<Map<String, Object>> find(UUID namespace, String invoiceId);
}
