package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.domain.invoice.Invoice;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * How any invoice is shown: a gathering invoice with its lines priced on usage as of now (it is a working copy, never
 * stored priced), a standard invoice as stored; both with status details computed now.
 */
@Singleton
class GatheringInvoices {
    private final InvoicePricing pricing;
    private final InvoiceSubjects subjects;
    private final InvoiceDriver driver;
    private final Clock clock;

    GatheringInvoices(InvoicePricing pricing, InvoiceSubjects subjects, InvoiceDriver driver, Clock clock) {
        this.pricing = pricing;
        this.subjects = subjects;
        this.driver = driver;
        this.clock = clock;
    }

    ShownInvoice show(Invoice invoice) {
        Invoice shown = invoice;
        if (invoice.gathering()) {
            shown = pricing.measured(invoice, subjects.of(invoice), clock.instant());
        }
        return new ShownInvoice(shown, driver.details(shown));
    }
}
