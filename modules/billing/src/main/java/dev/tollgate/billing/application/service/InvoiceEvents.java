package dev.tollgate.billing.application.service;

import dev.tollgate.billing.api.events.InvoiceChanged;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.outbox.Outbox;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Announces every created and changed standard invoice through the outbox, in the transaction that made the change. */
@Singleton
class InvoiceEvents {
    private final Outbox outbox;

    InvoiceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * {@code invoice.created} (the invoice as stored, in the state it was created in), then one {@code invoice.updated}
     * per state it passed through on the way: written together.
     */
    void created(Invoice invoice, InvoiceState createdIn, List<InvoiceState> passed) {
        List<InvoiceChanged> events = new ArrayList<>();
        events.add(event(invoice, true, createdIn));
        passed.forEach(state -> events.add(event(invoice, false, state)));
        publish(invoice, events);
    }

    /** {@code invoice.updated}: one per state the invoice passed through (or its change, when it stayed). */
    void moved(Invoice invoice, List<InvoiceState> through) {
        publish(invoice, through.stream().map(state -> event(invoice, false, state)).toList());
    }

    private void publish(Invoice invoice, List<InvoiceChanged> events) {
        if (invoice.gathering()) {
            return; // gathering invoices are working copies; OpenMeter announces standard invoices only
        }
        outbox.publishAll("invoice:" + Ulid.of(invoice.id()), events);
    }

    private static InvoiceChanged event(Invoice invoice, boolean created, InvoiceState state) {
        return new InvoiceChanged(invoice.namespace().toString(), Ulid.of(invoice.id()), invoice.customerId(), created,
                state.extendedStatus(), invoice.number(), invoice.currency(), invoice.totals().total(), invoice.updatedAt());
    }
}
