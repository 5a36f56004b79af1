package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.platform.domain.NotFoundException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values an invoice's customer's usage is attributed to, read live (a subject added since the invoice was made
 * counts), or from the invoice's customer snapshot once the customer is gone.
 */
@Singleton
class InvoiceSubjects {
    private final InvoiceCustomers customers;

    InvoiceSubjects(InvoiceCustomers customers) {
        this.customers = customers;
    }

    @SuppressWarnings("unchecked")
    List<String> of(Invoice invoice) {
        try {
            return customers.require(invoice.namespace(), invoice.customerId()).attributedValues();
        } catch (NotFoundException gone) {
            List<String> values = new ArrayList<>();
            Object key = invoice.customer().get("key");
            if (key != null) {
                values.add(key.toString());
            }
            Object attribution = invoice.customer().get("usageAttribution");
            if (attribution instanceof Map<?, ?> map && map.get("subjectKeys") instanceof List<?> keys) {
                keys.forEach(k -> values.add(k.toString()));
            }
            return values;
        }
    }
}
