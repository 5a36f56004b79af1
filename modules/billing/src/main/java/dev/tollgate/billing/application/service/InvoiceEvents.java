package dev.tollgate.billing.application.service;

import dev.tollgate.billing.api.events.InvoiceChanged;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.outbox.Outbox;
import jakarta.inject.Singleton;

/** Announces every created and changed standard invoice through the outbox, in the transaction that made the change. */
@Singleton
class InvoiceEvents {
    private final Outbox outbox;

    InvoiceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void created(Invoice invoice) {
        publish(invoice, true);
    }

    void updated(Invoice invoice) {
        publish(invoice, false);
    }

    private void publish(Invoice invoice, boolean created) {
        if (invoice.gathering()) {
            return; // gathering invoices are working copies; OpenMeter announces standard invoices only
        }
        String id = Ulid.of(invoice.id());
        outbox.publish("invoice:" + id, new InvoiceChanged(invoice.namespace().toString(), id, invoice.customerId(), created,
                invoice.state().extendedStatus(), invoice.number(), invoice.currency(), invoice.totals().total(), invoice.updatedAt()));
    }
}
