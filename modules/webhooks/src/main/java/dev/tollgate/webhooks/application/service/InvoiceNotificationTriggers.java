package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.webhooks.api.spi.NotificationInvoices;
import dev.tollgate.webhooks.application.port.in.RaiseInvoiceEventsUseCase;
import dev.tollgate.webhooks.application.port.out.NotificationRuleStore;
import dev.tollgate.webhooks.domain.NotificationRule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * OpenMeter's invoice notifications (ADR 0049): billing's {@code InvoiceChanged} raises an event for each rule of its
 * type, its data the invoice as OpenMeter's {@code getInvoice} shows it when the event is handled.
 */
@Singleton
class InvoiceNotificationTriggers implements RaiseInvoiceEventsUseCase {
    private final NotificationRuleStore rules;
    private final NotificationEvents events;
    private final NotificationInvoices invoices;

    InvoiceNotificationTriggers(NotificationRuleStore rules, NotificationEvents events, NotificationInvoices invoices) {
        this.rules = rules;
        this.events = events;
        this.invoices = invoices;
    }

    @Override
    @Transactional
    public void raise(UUID sourceId, InvoiceChange change) {
        UUID namespace;
        try {
            namespace = UUID.fromString(change.namespace());
        } catch (IllegalArgumentException e) {
            return; // not a namespace any rule can be in
        }
        String type = change.created() ? NotificationRule.INVOICE_CREATED : NotificationRule.INVOICE_UPDATED;
        // A rule announces what happens once it exists (so a backlog of older changes is not announced to a new rule),
        // and only where some channel can receive it.
        List<NotificationRule> due = rules.active(namespace, type).stream()
                .filter(rule -> change.at() == null || !change.at().isBefore(rule.createdAt()))
                .filter(rule -> !events.targets(rule).isEmpty())
                .toList();
        if (due.isEmpty()) {
            return;
        }
        Optional<Map<String, Object>> invoice = invoices.find(namespace, change.invoiceId());
        if (invoice.isEmpty() || (!change.created() && superseded(invoice.get(), change.status()))) {
            return;
        }
        for (NotificationRule rule : due) {
            events.raise(rule, invoice.get(), null, null, null, dedupeKey(sourceId, rule));
        }
    }

    /**
     * Whether the invoice has moved past the state this update announced. The event carries the invoice as it is now,
     * and every state change publishes its own update, so a later one carries this same document: sending it twice
     * (ten times for an invoice auto-advanced from draft to paid in one go) would tell the receiver nothing more.
     */
    private static boolean superseded(Map<String, Object> invoice, String status) {
        return status != null && invoice.get("statusDetails") instanceof Map<?, ?> details
                && details.get("extendedStatus") instanceof String now && !now.equals(status);
    }

    /** The outbox event and the rule: a relay retry of the same event raises nothing twice for a rule. */
    static String dedupeKey(UUID sourceId, NotificationRule rule) {
        return "invoice-change:" + sourceId + ":" + Ulid.of(rule.id());
    }
}
