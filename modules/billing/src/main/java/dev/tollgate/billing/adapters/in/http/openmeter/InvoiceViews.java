package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceWorkflow;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.billing.domain.invoice.LinePricing;
import dev.tollgate.billing.domain.invoice.StatusDetails;
import dev.tollgate.billing.domain.pricing.AppliedUsageDiscount;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.pricing.LineTotals;
import dev.tollgate.platform.domain.Ulid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenMeter's Invoice, InvoiceLine and InvoiceDetailedLine objects, written key by key so every required key is
 * present and optional ones appear only when set. Ids are ULIDs; money and quantities are Numeric strings. Keys that
 * begin with '_' are Tollgate's bookkeeping inside stored documents and are never shown.
 */
final class InvoiceViews {
    private InvoiceViews() {
    }

    static Map<String, Object> invoice(ShownInvoice shown, boolean withLines) {
        Invoice invoice = shown.invoice();
        CurrencyPrecision precision = invoice.precision();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Ulid.of(invoice.id()));
        if (invoice.description() != null) {
            out.put("description", invoice.description());
        }
        out.put("metadata", invoice.metadata());
        out.put("createdAt", invoice.createdAt());
        out.put("updatedAt", invoice.updatedAt());
        if (invoice.deletedAt() != null) {
            out.put("deletedAt", invoice.deletedAt());
        }
        // OpenMeter's own gathering invoices say "gathering" here, outside the document's enum; Tollgate keeps to it.
        out.put("type", "standard");
        out.put("supplier", invoice.supplier());
        out.put("customer", invoice.customer());
        out.put("number", invoice.number());
        out.put("currency", invoice.currency());
        out.put("status", invoice.state().status());
        out.put("statusDetails", details(shown.details()));
        putIfSet(out, "issuedAt", invoice.issuedAt());
        putIfSet(out, "draftUntil", invoice.draftUntil());
        putIfSet(out, "quantitySnapshotedAt", invoice.quantitySnapshotedAt());
        putIfSet(out, "collectionAt", invoice.collectionAt());
        putIfSet(out, "dueAt", invoice.dueAt());
        LinePeriod period = invoice.period();
        if (period != null) {
            out.put("period", period(period));
        }
        putIfSet(out, "voidedAt", invoice.voidedAt());
        putIfSet(out, "sentToCustomerAt", invoice.sentToCustomerAt());
        out.put("workflow", InvoiceWorkflow.document(invoice.terms()));
        if (withLines) {
            List<Map<String, Object>> lines = new ArrayList<>();
            invoice.lines().forEach(line -> lines.add(line(invoice, line, precision)));
            out.put("lines", lines);
        }
        out.put("totals", LinePricing.totals(invoice.totals(), precision));
        out.put("validationIssues", invoice.validationIssues());
        Map<String, Object> externalIds = visible(invoice.externalIds());
        if (!externalIds.isEmpty()) {
            out.put("externalIds", externalIds);
        }
        return out;
    }

    static Map<String, Object> line(Invoice invoice, InvoiceLine line, CurrencyPrecision precision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", line.name());
        if (line.description() != null) {
            out.put("description", line.description());
        }
        out.put("metadata", line.metadata());
        out.put("createdAt", line.createdAt());
        out.put("updatedAt", line.updatedAt());
        out.put("id", Ulid.of(line.id()));
        out.put("managedBy", line.managedBy());
        out.put("status", line.status());
        out.put("discounts", discounts(line));
        out.put("invoice", Map.of("id", Ulid.of(invoice.id()), "number", invoice.number()));
        out.put("currency", invoice.currency());
        out.put("totals", LinePricing.totals(line.totals() == null ? LineTotals.sum(List.of(), precision) : line.totals(), precision));
        out.put("period", period(line.period()));
        out.put("invoiceAt", line.invoiceAt());
        if (line.subscription() != null) {
            out.put("subscription", line.subscription());
        }
        out.put("type", "usage_based");
        List<Map<String, Object>> children = new ArrayList<>();
        for (Map<String, Object> child : line.children()) {
            Map<String, Object> shown = visible(child);
            shown.put("invoice", Map.of("id", Ulid.of(invoice.id()), "number", invoice.number()));
            children.add(shown);
        }
        out.put("children", children);
        out.put("rateCard", line.rateCard());
        if (line.quantities() != null) {
            out.put("quantity", line.quantities().quantity().toPlainString());
            out.put("meteredQuantity", line.quantities().metered().toPlainString());
            out.put("preLinePeriodQuantity", line.quantities().preLinePeriod().toPlainString());
            out.put("meteredPreLinePeriodQuantity", line.quantities().meteredPreLinePeriod().toPlainString());
        }
        return out;
    }

    private static Map<String, Object> discounts(InvoiceLine line) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", List.of());
        List<Map<String, Object>> usage = new ArrayList<>();
        AppliedUsageDiscount applied = line.usageDiscount();
        if (applied != null) {
            Map<String, Object> discount = new LinkedHashMap<>();
            discount.put("createdAt", line.updatedAt());
            discount.put("updatedAt", line.updatedAt());
            discount.put("id", Ulid.of(line.usageDiscountId() == null ? line.id() : line.usageDiscountId()));
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("type", "ratecard_usage");
            reason.put("quantity", applied.quantity().add(applied.preLinePeriodQuantity()).toPlainString());
            if (applied.correlationId() != null) {
                reason.put("correlationId", applied.correlationId());
            }
            discount.put("reason", reason);
            discount.put("quantity", applied.quantity().toPlainString());
            discount.put("preLinePeriodQuantity", applied.preLinePeriodQuantity().toPlainString());
            usage.add(discount);
        }
        out.put("usage", usage);
        return out;
    }

    private static Map<String, Object> details(StatusDetails details) {
        Map<String, Object> actions = new LinkedHashMap<>();
        details.availableActions().forEach((name, resulting) -> actions.put(name,
                "invoice".equals(name) ? Map.of() : Map.of("resultingState", resulting)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("immutable", details.immutable());
        out.put("failed", details.failed());
        out.put("extendedStatus", details.extendedStatus());
        out.put("availableActions", actions);
        return out;
    }

    static Map<String, Object> period(LinePeriod period) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", period.from());
        out.put("to", period.to());
        return out;
    }

    /** A stored document without Tollgate's own bookkeeping keys. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> visible(Map<String, Object> document) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (document == null) {
            return out;
        }
        document.forEach((key, value) -> {
            if (key.startsWith("_")) {
                return;
            }
            if (value instanceof Map<?, ?> map) {
                out.put(key, visible((Map<String, Object>) map));
            } else if (value instanceof List<?> list) {
                out.put(key, list.stream().map(each -> each instanceof Map<?, ?> m ? visible((Map<String, Object>) m) : each).toList());
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, Instant value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
