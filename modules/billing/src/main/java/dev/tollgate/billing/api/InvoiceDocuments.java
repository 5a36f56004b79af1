package dev.tollgate.billing.api;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Billing's invoices as documents for other modules: OpenMeter's notifications send an invoice as OpenMeter shows it,
 * and only billing can render it (ADR 0049).
 */
public interface InvoiceDocuments {
    /**
     * The invoice of the namespace as OpenMeter's {@code getInvoice} shows it by default (lines expanded), keys in the
     * document's order; a deleted invoice too (with its {@code deletedAt}), as {@code listInvoices?includeDeleted}
     * shows it. Empty when the namespace has no such invoice. Values are JSON types, maps, lists and {@code Instant}s
     * (date-times), as the HTTP answer is before serialization.
     */
    Optional<Map<String, Object>> openMeterInvoice(UUID namespace, String invoiceId);
}
