package dev.tollgate.webhooks.adapters.in.events;

import dev.tollgate.billing.api.events.InvoiceChanged;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.webhooks.application.port.in.RaiseInvoiceEventsUseCase;
import dev.tollgate.webhooks.application.port.in.RaiseInvoiceEventsUseCase.InvoiceChange;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Billing's invoice changes reach OpenMeter's notification channels through the outbox (ADR 0049): one node raises the
 * {@code invoice.created} / {@code invoice.updated} events, in the transaction that records the change as handled.
 */
@Singleton
final class InvoiceEventsToNotifications implements OutboxConsumer<InvoiceChanged> {
    private final RaiseInvoiceEventsUseCase raise;

    InvoiceEventsToNotifications(RaiseInvoiceEventsUseCase raise) {
        this.raise = raise;
    }

    @Override
    public String name() {
        return "webhooks-invoice-notifications";
    }

    @Override
    public Class<InvoiceChanged> eventType() {
        return InvoiceChanged.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, InvoiceChanged event) {
        raise.raise(eventId, new InvoiceChange(event.namespace(), event.invoiceId(), event.created(), event.status(), event.at()));
    }
}
