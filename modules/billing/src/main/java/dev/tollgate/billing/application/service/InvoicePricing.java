package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.LinePricing;
import dev.tollgate.billing.domain.invoice.LineQuantities;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.platform.domain.TypeId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices an invoice's lines: with fresh quantities from the meters (a gathering invoice shown, a draft collecting) or
 * with the quantities already snapshotted (a recalculation after an edit).
 */
@Singleton
class InvoicePricing {
    private final UsageQuantities usage;

    InvoicePricing(UsageQuantities usage) {
        this.usage = usage;
    }

    Invoice measured(Invoice invoice, List<String> subjects, Instant now) {
        CurrencyPrecision currency = invoice.precision();
        List<InvoiceLine> priced = new ArrayList<>();
        List<LineQuantities> measured = usage.measureAll(invoice.namespace(), subjects, invoice.lines());
        for (int i = 0; i < invoice.lines().size(); i++) {
            priced.add(LinePricing.price(invoice.lines().get(i), currency, measured.get(i), TypeId::newUuid, now));
        }
        return invoice.withLines(priced, now);
    }

    /** Re-prices with the stored quantities; a line never measured is measured now. */
    Invoice recalculated(Invoice invoice, List<String> subjects, Instant now) {
        CurrencyPrecision currency = invoice.precision();
        List<InvoiceLine> unmeasured = invoice.lines().stream().filter(line -> line.quantities() == null).toList();
        List<LineQuantities> measured = unmeasured.isEmpty() ? List.of() : usage.measureAll(invoice.namespace(), subjects, unmeasured);
        List<InvoiceLine> priced = new ArrayList<>();
        int next = 0;
        for (InvoiceLine line : invoice.lines()) {
            LineQuantities stored = line.quantities();
            LineQuantities quantities = stored == null ? measured.get(next++)
                    : LineQuantities.measured(stored.metered(), stored.meteredPreLinePeriod());
            priced.add(LinePricing.price(line, currency, quantities, TypeId::newUuid, now));
        }
        return invoice.withLines(priced, now);
    }
}
