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
        for (InvoiceLine line : invoice.lines()) {
            LineQuantities quantities = usage.measure(invoice.namespace(), subjects, line);
            priced.add(LinePricing.price(line, currency, quantities, TypeId::newUuid, now));
        }
        return invoice.withLines(priced, now);
    }

    /** Re-prices with the stored quantities; a line never measured is measured now. */
    Invoice recalculated(Invoice invoice, List<String> subjects, Instant now) {
        CurrencyPrecision currency = invoice.precision();
        List<InvoiceLine> priced = new ArrayList<>();
        for (InvoiceLine line : invoice.lines()) {
            LineQuantities stored = line.quantities();
            LineQuantities quantities = stored == null ? usage.measure(invoice.namespace(), subjects, line)
                    : LineQuantities.measured(stored.metered(), stored.meteredPreLinePeriod());
            priced.add(LinePricing.price(line, currency, quantities, TypeId::newUuid, now));
        }
        return invoice.withLines(priced, now);
    }
}
