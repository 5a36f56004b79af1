package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.application.port.out.StripeEventStore;
import dev.tollgate.billing.application.port.out.StripeEventStore.Key;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.StripeGateway.Refused;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The worker's half of Stripe's webhook (ADR 0039): each stored event processed in its own transaction under its row
 * lock, so several nodes may run it and an event's effect and its "processed" mark commit together; a failure is
 * retried with a growing delay and given up after {@link #MAX_ATTEMPTS}.
 */
@Singleton
class StripeEventProcessor {
    static final int MAX_ATTEMPTS = 8;
    /** A Stripe invoice names its Tollgate invoice in its metadata (set when Tollgate creates it). */
    static final String INVOICE_ID = "om_invoice_id";
    static final String NAMESPACE = "om_namespace";
    static final String APP_ID = "om_app_id";
    static final String CUSTOMER_ID = "om_customer_id";
    private static final Map<String, InvoiceTrigger> INVOICE_TRIGGERS = Map.of("invoice.paid", InvoiceTrigger.PAYMENT_SUCCEEDED,
            "invoice.payment_failed", InvoiceTrigger.FAILED, "invoice.payment_action_required", InvoiceTrigger.PAYMENT_NEEDS_ACTION,
            "invoice.marked_uncollectible", InvoiceTrigger.PAYMENT_UNCOLLECTIBLE, "invoice.overdue", InvoiceTrigger.PAYMENT_OVERDUE,
            "invoice.voided", InvoiceTrigger.VOID);
    private static final Map<String, InvoiceState> ALREADY = Map.of("invoice.paid", InvoiceState.PAID,
            "invoice.payment_failed", InvoiceState.PAYMENT_FAILED, "invoice.payment_action_required", InvoiceState.PAYMENT_ACTION_REQUIRED,
            "invoice.marked_uncollectible", InvoiceState.UNCOLLECTIBLE, "invoice.overdue", InvoiceState.OVERDUE, "invoice.voided", InvoiceState.VOIDED);
    private final AppStore apps;
    private final StripeConnections connections;
    private final StripeEventStore events;
    private final StripeCustomerStore customers;
    private final InvoiceStore invoices;
    private final InvoiceDriver driver;
    private final Clock clock;

    StripeEventProcessor(AppStore apps, StripeConnections connections, StripeEventStore events, StripeCustomerStore customers, InvoiceStore invoices,
                       InvoiceDriver driver, Clock clock) {
        this.apps = apps;
        this.connections = connections;
        this.events = events;
        this.customers = customers;
        this.invoices = invoices;
        this.driver = driver;
        this.clock = clock;
    }

    @Transactional
    public List<Key> due(Instant now, int limit) {
        return events.due(now, limit);
    }

    @Transactional
    public void process(Key key) {
        Optional<StripeEventStore.Stored> locked = events.lockPending(key);
        if (locked.isEmpty()) {
            return; // done meanwhile, or another worker has it
        }
        StripeEventStore.Stored stored = locked.get();
        App app = apps.findInAnyNamespace(stored.appId()).orElseThrow();
        // An uninstalled app's events change nothing (one may have been taken during the webhook's 5 s memory of it).
        String outcome = app.installed() ? handle(app, connections.gateway().parse(stored.payload()))
                : "ignored: the app was uninstalled before the event was processed";
        events.processed(key, outcome, clock.instant());
    }

    @Transactional
    public void failed(Key key, RuntimeException problem) {
        StripeEventStore.Stored stored = events.find(key).orElse(null);
        if (stored == null || stored.processedAt() != null) {
            return;
        }
        int attempts = stored.attempts() + 1;
        Instant now = clock.instant();
        Instant next = attempts >= MAX_ATTEMPTS ? null : now.plus(Duration.ofSeconds(Math.min(3600, 5L << attempts)));
        String message = problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
        events.failed(key, "failed: " + message, next, now);
    }

    private String handle(App app, StripeGateway.Event event) {
        Map<String, Object> object = event.object();
        return switch (event.type()) {
            case "setup_intent.succeeded" -> paymentMethodSaved(app, text(object, "customer"), text(object, "payment_method"), metadata(object));
            case "checkout.session.completed" -> checkoutCompleted(app, object);
            default -> INVOICE_TRIGGERS.containsKey(event.type()) ? invoiceEvent(app, event.type(), metadata(object))
                    : "ignored: Tollgate does nothing on " + event.type();
        };
    }

    private String checkoutCompleted(App app, Map<String, Object> session) {
        if (!"setup".equals(text(session, "mode"))) {
            return "ignored: not a setup session";
        }
        String intentId = text(session, "setup_intent");
        if (intentId == null) {
            return "ignored: the session has no setup intent";
        }
        StripeGateway.SetupIntent intent = connections.gateway().setupIntent(connections.credential(app.id()), intentId);
        if (!"succeeded".equals(intent.status())) {
            return "ignored: setup intent " + intentId + " is " + intent.status();
        }
        Map<String, String> metadata = intent.metadata() == null || intent.metadata().isEmpty() ? metadata(session) : intent.metadata();
        return paymentMethodSaved(app, intent.customer() != null ? intent.customer() : text(session, "customer"), intent.paymentMethod(), metadata);
    }

    /** The saved card becomes the customer's default, in Tollgate and on the Stripe customer (Checkout leaves that to us). */
    private String paymentMethodSaved(App app, String stripeCustomerId, String paymentMethodId, Map<String, String> metadata) {
        String namedApp = metadata.get(APP_ID);
        if (namedApp != null && !namedApp.equals(Ulid.of(app.id()))) {
            return "ignored: for another app";
        }
        String namedNamespace = metadata.get(NAMESPACE);
        if (namedNamespace != null && !namedNamespace.equals(Ulid.of(app.namespace()))) {
            return "ignored: for another namespace";
        }
        if (stripeCustomerId == null || paymentMethodId == null) {
            return "ignored: no customer or payment method";
        }
        Optional<StripeCustomer> customer = Optional.ofNullable(metadata.get(CUSTOMER_ID)).flatMap(Ulid::parse)
                .flatMap(id -> customers.find(app.id(), id)).filter(c -> c.stripeCustomerId().equals(stripeCustomerId))
                .or(() -> customers.findByStripeId(app.id(), stripeCustomerId));
        if (customer.isEmpty()) {
            return "ignored: Stripe customer " + stripeCustomerId + " is no customer of this app";
        }
        StripeCustomer known = customer.get();
        if (!paymentMethodId.equals(known.defaultPaymentMethodId())) {
            connections.gateway().setDefaultPaymentMethod(connections.credential(app.id()), stripeCustomerId, paymentMethodId);
            customers.save(known.with(known.stripeCustomerId(), paymentMethodId, clock.instant()));
        }
        return "customer default payment method set";
    }

    private String invoiceEvent(App app, String type, Map<String, String> metadata) {
        String namespace = metadata.get(NAMESPACE);
        Optional<UUID> invoiceId = Optional.ofNullable(metadata.get(INVOICE_ID)).flatMap(Ulid::parse);
        if (invoiceId.isEmpty() || (namespace != null && !namespace.equals(Ulid.of(app.namespace())))) {
            return "ignored: no Tollgate invoice of this namespace";
        }
        Optional<Invoice> found = invoices.lock(app.namespace(), invoiceId.get()).filter(i -> i.deletedAt() == null);
        if (found.isEmpty()) {
            return "ignored: invoice " + metadata.get(INVOICE_ID) + " not found";
        }
        Invoice invoice = found.get();
        if (!Ulid.parse(invoice.terms().invoicingAppId()).equals(Optional.of(app.id()))) {
            return "ignored: invoice " + metadata.get(INVOICE_ID) + " is not invoiced by this app";
        }
        if (invoice.state() == ALREADY.get(type)) {
            return "ignored: invoice already " + invoice.state().extendedStatus();
        }
        try {
            Invoice moved = driver.act(invoice, INVOICE_TRIGGERS.get(type));
            return "invoice " + metadata.get(INVOICE_ID) + " is " + moved.state().extendedStatus();
        } catch (ValidationException notNow) {
            // The machine refuses before anything is written: e.g. a late payment_failed for a paid invoice.
            return "ignored: " + notNow.getMessage();
        }
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (value instanceof Map<?, ?> expanded) {
            value = expanded.get("id");
        }
        return value instanceof String s ? s : null;
    }

    private static Map<String, String> metadata(Map<String, Object> object) {
        Map<String, String> out = new java.util.HashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k instanceof String key && v instanceof String value) {
                    out.put(key, value);
                }
            });
        }
        return out;
    }
}
