package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.SyncStripeInvoicesUseCase;
import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.port.out.StripeGateway;
import dev.tollgate.billing.application.port.out.WorkerThreads;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invoices a Stripe app issues (digest 003b §3.10, ADR 0039), through the same hooks a custom-invoicing app's system
 * answers: at draft sync a Stripe invoice with one item per detailed line in the currency's minor units (each amount
 * discount a negative item of its own), Tollgate's ids in the metadata and idempotency keys derived from Tollgate's
 * ids, so a retried sync never makes a second invoice or item; at issuing sync the Stripe invoice is finalized and its
 * number becomes the invoice's. Payment then follows Stripe's webhook events.
 */
@Singleton
class StripeInvoiceSync implements SyncStripeInvoicesUseCase {
    private final Step step;
    private final WorkerThreads workers;

    StripeInvoiceSync(Step step, @Named(WorkerThreads.STRIPE_SYNC) WorkerThreads workers) {
        this.step = step;
        this.workers = workers;
    }

    /** One invoice's sync in a transaction of its own (a separate bean, so the transaction applies). */
    @Singleton
    static class Step {
        private final Work work;

        Step(Work work) {
            this.work = work;
        }

        /** @return whether the invoice waits for a sync again (its draft synced, it moved on to issuing) */
        @Transactional
        public boolean sync(UUID namespace, UUID invoiceId) {
            return work.sync(namespace, invoiceId);
        }

        @Transactional
        public List<Invoice> waiting(int limit) {
            return work.waiting(limit);
        }
    }

    /**
     * The waiting invoices, several at once (Stripe's answers, not Tollgate, bound a sync: ~10 calls an invoice). An
     * invoice whose draft sync moves it on to issuing is synced again at once rather than in the next round.
     */
    @Override
    public int syncWaiting(int limit) {
        List<Invoice> waiting = step.waiting(limit);
        workers.each(waiting, invoice -> {
            try {
                if (step.sync(invoice.namespace(), invoice.id())) {
                    step.sync(invoice.namespace(), invoice.id()); // its draft synced and moved on: issuing, in a transaction of its own
                }
            } catch (RuntimeException e) {
                // Stripe unreachable or refusing: the invoice keeps waiting and the next round tries again.
                org.slf4j.LoggerFactory.getLogger(StripeInvoiceSync.class).warn("Stripe sync of invoice {} failed: {}", invoice.id(), e.getMessage());
            }
            return 1;
        });
        return waiting.size();
    }

    /** The sync itself, called inside {@link Step}'s transactions. */
    @Singleton
    static class Work {
        private final InvoiceStore invoices;
        private final AppStore apps;
        private final StripeConnections connections;
        private final StripeCustomerAccounts stripeCustomers;
        private final InvoiceDriver driver;
        private final Clock clock;

        Work(InvoiceStore invoices, AppStore apps, StripeConnections connections, StripeCustomerAccounts stripeCustomers, InvoiceDriver driver,
             Clock clock) {
            this.invoices = invoices;
            this.apps = apps;
            this.connections = connections;
            this.stripeCustomers = stripeCustomers;
            this.driver = driver;
            this.clock = clock;
        }

        List<Invoice> waiting(int limit) {
            return invoices.findSyncing(limit).stream().filter(i -> stripeApp(i).isPresent()).toList();
        }

        private Optional<App> stripeApp(Invoice invoice) {
            return Ulid.parse(invoice.terms().invoicingAppId()).flatMap(id -> apps.find(invoice.namespace(), id))
                    .filter(a -> a.type() == AppType.STRIPE);
        }

        /** @return whether the invoice, synced, waits for another sync (the issuing one) */
        boolean sync(UUID namespace, UUID invoiceId) {
            Invoice invoice = invoices.lock(namespace, invoiceId).orElse(null);
            if (invoice == null || invoice.deletedAt() != null) {
                return false;
            }
            App app = stripeApp(invoice).orElse(null);
            if (app == null) {
                return false;
            }
            if (invoice.state() == InvoiceState.DRAFT_SYNCING) {
                return draft(invoice, app).state() == InvoiceState.ISSUING_SYNCING;
            }
            if (invoice.state() == InvoiceState.ISSUING_SYNCING) {
                issuing(invoice, app);
            }
            return false;
        }

        private Invoice draft(Invoice invoice, App app) {
            StripeGateway.Credential apiKey = connections.credential(app.id());
            StripeGateway stripe = connections.gateway();
            Instant now = clock.instant();
            String stripeCustomer = stripeCustomers.of(app, apiKey, invoice.namespace(), Ulid.parse(invoice.customerId()).orElseThrow()).stripeCustomerId();
            String id = Ulid.of(invoice.id());
            Map<String, String> metadata = Map.of(StripeEventProcessor.INVOICE_ID, id, StripeEventProcessor.NAMESPACE, Ulid.of(invoice.namespace()));
            Map<String, Object> ids = invoice.externalIds() == null ? new LinkedHashMap<>() : new HashMap<>(invoice.externalIds());
            String stripeInvoice = ids.get("invoicing") instanceof String known ? known
                    : stripe.createInvoice(apiKey, stripeCustomer, invoice.currency(), metadata, "tollgate-invoice-" + id).id();
            int subunits = invoice.precision().subunits();
            for (InvoiceLine line : invoice.lines()) {
                for (Map<String, Object> child : line.children()) {
                    String childId = String.valueOf(child.get("id"));
                    long amount = minor(totalsAmount(child), subunits);
                    if (amount != 0) {
                        stripe.addInvoiceItem(apiKey, stripeCustomer, stripeInvoice, invoice.currency(), amount, String.valueOf(child.get("name")),
                                Map.of("om_invoice_id", id, "om_line_id", childId, "om_line_type", "line"), "tollgate-item-" + id + "-" + childId);
                    }
                    for (Map<String, Object> discount : discounts(child)) {
                        long off = minor(String.valueOf(discount.get("amount")), subunits);
                        if (off != 0) {
                            String discountId = String.valueOf(discount.get("id"));
                            stripe.addInvoiceItem(apiKey, stripeCustomer, stripeInvoice, invoice.currency(), -off, "Discount: " + child.get("name"),
                                    Map.of("om_invoice_id", id, "om_line_id", discountId, "om_line_type", "discount"),
                                    "tollgate-item-" + id + "-" + discountId);
                        }
                    }
                }
            }
            ids.put("invoicing", stripeInvoice);
            ids.put(InvoiceDriver.DRAFT_SYNCED, now.toString());
            return driver.advanceChanged(invoice.withExternalIds(ids, invoice.number(), now));
        }

        private void issuing(Invoice invoice, App app) {
            StripeGateway.Credential apiKey = connections.credential(app.id());
            StripeGateway stripe = connections.gateway();
            Instant now = clock.instant();
            Map<String, Object> ids = invoice.externalIds() == null ? new LinkedHashMap<>() : new HashMap<>(invoice.externalIds());
            if (!(ids.get("invoicing") instanceof String stripeInvoiceId)) {
                throw new IllegalStateException("invoice " + invoice.id() + " reached issuing without a Stripe invoice");
            }
            StripeGateway.Invoice finalized = stripe.invoice(apiKey, stripeInvoiceId);
            if ("draft".equals(finalized.status())) {
                finalized = stripe.finalizeInvoice(apiKey, stripeInvoiceId);
            }
            String number = finalized.number() != null ? finalized.number() : invoice.number();
            ids.put(InvoiceDriver.ISSUING_SYNCED, now.toString());
            Invoice issued = invoice.issued(number, invoice.issuedAt() == null ? now : invoice.issuedAt(), invoice.dueAt(), invoice.sentToCustomerAt())
                    .withExternalIds(ids, number, now);
            driver.advanceChanged(issued);
        }

        @SuppressWarnings("unchecked")
        private static String totalsAmount(Map<String, Object> child) {
            Map<String, Object> totals = (Map<String, Object>) child.get("totals");
            if (totals == null) {
                return "0";
            }
            Object amount = "commitment".equals(child.get("category")) ? totals.get("chargesTotal") : totals.get("amount");
            return amount == null ? "0" : amount.toString();
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> discounts(Map<String, Object> child) {
            if (child.get("discounts") instanceof Map<?, ?> d && d.get("amount") instanceof List<?> list) {
                return (List<Map<String, Object>>) list;
            }
            return List.of();
        }

        /** An amount in the currency's minor units: {@code 12.34} USD is 1234. */
        static long minor(String amount, int subunits) {
            return new BigDecimal(amount).movePointRight(subunits).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
    }
}
