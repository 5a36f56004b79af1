package dev.tollgate.billing.application.service;

import dev.tollgate.billing.api.events.InvoiceChanged;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
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

    /** {@code invoice.created}: the invoice as stored, announced in the state it was created in. */
    void created(Invoice invoice, InvoiceState createdIn) {
        publish(invoice, true, createdIn);
    }

    /** {@code invoice.updated}: one per state the invoice passed through (or its change, when it stayed). */
    void moved(Invoice invoice, InvoiceState through) {
        publish(invoice, false, through);
    }

    private void publish(Invoice invoice, boolean created, InvoiceState state) {
        if (invoice.gathering()) {
            return; // gathering invoices are working copies; OpenMeter announces standard invoices only
        }
        String id = Ulid.of(invoice.id());
        outbox.publish("invoice:" + id, new InvoiceChanged(invoice.namespace().toString(), id, invoice.customerId(), created,
                state.extendedStatus(), invoice.number(), invoice.currency(), invoice.totals().total(), invoice.updatedAt()));
    }
}
