package dev.tollgate.billing.adapters.out.outbox;

import dev.tollgate.billing.api.events.InvoiceChanged;
import io.micronaut.serde.annotation.SerdeImport;

/** The outbox stores billing's invoice events as JSON; {@code api.events} records stay free of annotations. */
@SerdeImport(InvoiceChanged.class)
final class InvoiceEventsSerde {
    private InvoiceEventsSerde() {
    }
}
