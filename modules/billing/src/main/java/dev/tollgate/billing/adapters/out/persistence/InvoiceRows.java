package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceWorkflow;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.billing.domain.invoice.LineQuantities;
import dev.tollgate.billing.domain.pricing.AppliedUsageDiscount;
import dev.tollgate.billing.domain.pricing.LineTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Translates invoices to and from their rows. */
final class InvoiceRows {
    private InvoiceRows() {
    }

    static InvoiceRow row(Invoice invoice) {
        LineTotals totals = invoice.totals();
        var period = invoice.period();
        return new InvoiceRow(invoice.id(), invoice.namespace(), invoice.customerId(), invoice.currency(), invoice.state().extendedStatus(),
                invoice.number(), invoice.customer(), invoice.supplier(), InvoiceWorkflow.document(invoice.terms()), invoice.description(),
                invoice.metadata(), invoice.issuedAt(), invoice.draftUntil(), invoice.collectionAt(), invoice.dueAt(),
                invoice.quantitySnapshotedAt(), invoice.voidedAt(), invoice.sentToCustomerAt(), invoice.validationIssues(),
                invoice.externalIds(), period == null ? null : period.from(), period == null ? null : period.to(), nextLineAt(invoice), totals.amount(),
                totals.chargesTotal(), totals.discountsTotal(), totals.total(), invoice.createdAt(), invoice.updatedAt(), invoice.deletedAt(),
                invoice.revision());
    }

    /** A gathering invoice's earliest line invoiceAt: when the collecting worker must next look at it (null otherwise). */
    private static java.time.Instant nextLineAt(Invoice invoice) {
        if (!invoice.gathering()) {
            return null;
        }
        return invoice.lines().stream().map(InvoiceLine::invoiceAt).min(java.time.Instant::compareTo).orElse(null);
    }

    static Invoice bumped(Invoice invoice) {
        return new Invoice(invoice.id(), invoice.namespace(), invoice.customerId(), invoice.customer(), invoice.supplier(), invoice.currency(),
                invoice.state(), invoice.number(), invoice.terms(), invoice.description(), invoice.metadata(), invoice.issuedAt(),
                invoice.draftUntil(), invoice.collectionAt(), invoice.dueAt(), invoice.quantitySnapshotedAt(), invoice.voidedAt(),
                invoice.sentToCustomerAt(), invoice.validationIssues(), invoice.externalIds(), invoice.createdAt(), invoice.updatedAt(),
                invoice.deletedAt(), invoice.lines(), invoice.revision() + 1);
    }

    static Invoice invoice(InvoiceRow row, List<InvoiceLine> lines) {
        return new Invoice(row.id(), row.namespace(), row.customerId(), row.customer(), row.supplier(), row.currency(),
                InvoiceState.of(row.state()).orElseThrow(() -> new IllegalStateException("unknown stored invoice state " + row.state())),
                row.number(), InvoiceWorkflow.terms(row.terms(), row.supplier()), row.description(), row.metadata(), row.issuedAt(),
                row.draftUntil(), row.collectionAt(), row.dueAt(), row.quantitySnapshotedAt(), row.voidedAt(), row.sentToCustomerAt(),
                row.validationIssues(), row.externalIds(), row.createdAt(), row.updatedAt(), row.deletedAt(), lines, row.revision());
    }

    static List<InvoiceLineRow> lineRows(Invoice invoice) {
        return lineRows(invoice, invoice.lines(), 0);
    }

    /** Rows of some of the invoice's lines, numbered from {@code firstPosition}. */
    static List<InvoiceLineRow> lineRows(Invoice invoice, List<InvoiceLine> lines, int firstPosition) {
        List<InvoiceLineRow> rows = new ArrayList<>();
        int position = firstPosition;
        for (InvoiceLine line : lines) {
            rows.add(lineRow(invoice, line, position++));
        }
        return rows;
    }

    private static InvoiceLineRow lineRow(Invoice invoice, InvoiceLine line, int position) {
        LineQuantities q = line.quantities();
        LineTotals t = line.totals();
        return new InvoiceLineRow(line.id(), invoice.namespace(), invoice.id(), position, line.name(), line.description(), line.metadata(),
                line.managedBy(), line.status(), line.period().from(), line.period().to(), line.servicePeriod().from(),
                line.servicePeriod().to(), line.invoiceAt(), line.rateCard(), line.splitGroupId(), q == null ? null : q.metered(),
                q == null ? null : q.meteredPreLinePeriod(), q == null ? null : q.quantity(), q == null ? null : q.preLinePeriod(), line.children(), usageDiscount(line),
                t == null ? null : t.amount(), t == null ? null : t.chargesTotal(), t == null ? null : t.discountsTotal(),
                t == null ? null : t.total(), line.subscription(), line.childUniqueReferenceId(), line.createdAt(), line.updatedAt());
    }

    static InvoiceLine line(InvoiceLineRow row) {
        LineQuantities quantities = row.meteredQuantity() == null ? null
                : new LineQuantities(row.meteredQuantity(), row.meteredPreLinePeriodQuantity(), row.quantity(), row.preLinePeriodQuantity());
        LineTotals totals = row.amount() == null ? null : new LineTotals(row.amount(), row.chargesTotal(), row.discountsTotal(), row.total());
        Map<String, Object> usage = row.usageDiscount();
        AppliedUsageDiscount applied = usage == null ? null : new AppliedUsageDiscount(new BigDecimal((String) usage.get("quantity")),
                new BigDecimal((String) usage.get("preLinePeriodQuantity")), (String) usage.get("correlationId"), (String) usage.get("ref"));
        UUID usageId = usage == null ? null : UUID.fromString((String) usage.get("id"));
        return new InvoiceLine(row.id(), row.name(), row.description(), row.metadata(), row.managedBy(), row.status(),
                new LinePeriod(row.periodFrom(), row.periodTo()), new LinePeriod(row.serviceFrom(), row.serviceTo()), row.invoiceAt(),
                row.rateCard(), row.splitGroupId(), quantities, row.children(), applied, usageId, totals, row.subscription(),
                row.childUniqueReferenceId(), row.createdAt(), row.updatedAt());
    }

    private static Map<String, Object> usageDiscount(InvoiceLine line) {
        AppliedUsageDiscount usage = line.usageDiscount();
        if (usage == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", line.usageDiscountId().toString());
        out.put("quantity", usage.quantity().toPlainString());
        out.put("preLinePeriodQuantity", usage.preLinePeriodQuantity().toPlainString());
        if (usage.correlationId() != null) {
            out.put("correlationId", usage.correlationId());
        }
        out.put("ref", usage.childUniqueReferenceId());
        return out;
    }
}
