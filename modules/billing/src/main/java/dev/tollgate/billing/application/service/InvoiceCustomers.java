package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerAttribution;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The customer an invoice is for, resolved by ULID or key in tenancy: its id, the values its usage is attributed to
 * (what meters are queried with) and the snapshot an invoice keeps (OpenMeter's BillingInvoiceCustomerExtendedDetails).
 */
@Singleton
class InvoiceCustomers {
    private final TenancyApi tenancy;

    InvoiceCustomers(TenancyApi tenancy) {
        this.tenancy = tenancy;
    }

    /** Not-found when no live customer of the namespace has that id or key. */
    InvoiceCustomer require(UUID namespace, String idOrKey) {
        CustomerAttribution customer = tenancy.requireCustomers(namespace, List.of(idOrKey)).get(0);
        return new InvoiceCustomer(customer.id(), customer.key(), List.copyOf(customer.values()));
    }

    /** The live ones among customers named by ULID or key, by the name asked (one read for a batch); unknown names are left out. */
    Map<String, InvoiceCustomer> live(UUID namespace, java.util.Collection<String> idsOrKeys) {
        Map<String, InvoiceCustomer> out = new java.util.HashMap<>();
        tenancy.liveCustomers(namespace, idsOrKeys).forEach((name, customer) -> out.put(name,
                new InvoiceCustomer(customer.id(), customer.key(), List.copyOf(customer.values()))));
        return out;
    }

    record InvoiceCustomer(String id, String key, List<String> attributedValues) {
        /** Subject keys only: the key is attributed too, but the document lists it apart. */
        Map<String, Object> snapshot() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            if (key != null) {
                out.put("key", key);
            }
            List<String> subjects = new ArrayList<>(attributedValues);
            subjects.remove(key);
            subjects.sort(null);
            out.put("usageAttribution", Map.of("subjectKeys", subjects));
            return out;
        }

        /** A short, stable prefix for the customer's invoice numbers (ACME from key "acme-inc"); CUST without a key. */
        String numberPrefix() {
            String source = key == null ? "" : key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            return source.isEmpty() ? "CUST" : source.substring(0, Math.min(4, source.length()));
        }
    }
}
