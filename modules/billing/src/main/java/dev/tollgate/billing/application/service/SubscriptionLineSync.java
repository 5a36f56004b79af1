package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.port.out.SubscriptionAddonStore;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.SubscriptionLines;
import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.subscription.AddonOverlay;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps a subscription's pending lines on its customer's gathering invoice in step with the subscription (digest 003b
 * §3.3): plans its lines up to now and adds those not made yet, re-shapes pending ones the subscription changed (a
 * cancelation shortens a period, an edit changes a price), and removes pending ones it no longer bills. Lines already
 * invoiced are never touched. Runs under the customer's lock, and a line's identity is unique in the table, so racing
 * syncs never bill a period twice.
 */
@Singleton
class SubscriptionLineSync implements dev.tollgate.billing.application.port.in.SyncSubscriptionLinesUseCase {
    private final InvoiceStore invoices;
    private final SubscriptionStore subscriptions;
    private final InvoiceCustomers customers;
    private final ResolveInvoicingTermsUseCase terms;
    private final PendingLineBook book;
    private final Clock clock;
    private final dev.tollgate.billing.application.port.out.WorkerThreads workers;
    private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    private final SubscriptionAddonStore addons;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubscriptionLineSync.class);

    SubscriptionLineSync(InvoiceStore invoices, SubscriptionStore subscriptions, InvoiceCustomers customers, ResolveInvoicingTermsUseCase terms,
                         PendingLineBook book, Clock clock, dev.tollgate.billing.application.port.out.WorkerThreads workers,
                         io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions, SubscriptionAddonStore addons) {
        this.workers = workers;
        this.transactions = transactions;
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.terms = terms;
        this.book = book;
        this.clock = clock;
        this.addons = addons;
    }

    /** Syncs now, in the caller's transaction (a subscription change), and schedules the next sync. */
    void sync(Subscription subscription) {
        Instant now = clock.instant();
        Instant next = syncAt(subscription, now);
        if (next != null) {
            invoices.scheduleLineSync(subscription.namespace(), subscription.id(), next);
        }
    }

    /**
     * Plans the due subscriptions' lines, each in a transaction of its own on the worker's threads: the subscription's
     * schedule row is locked ({@code SKIP LOCKED}: another thread or node has it) and checked to be still due, and the
     * lines are made under the customer's lock, so a period is planned once however many workers run.
     */
    @Override
    public int syncDue(Instant now, int limit) {
        List<InvoiceStore.SubscriptionDue> due = transactions.executeRead(status -> invoices.dueLineSyncs(now, limit));
        return workers.each(due, each -> {
            try {
                return transactions.executeWrite(status -> {
                    if (!invoices.lockLineSync(each.subscriptionId(), now)) {
                        return 0; // planned meanwhile, or being planned elsewhere
                    }
                    Subscription subscription = subscriptions.find(each.namespace(), each.subscriptionId()).orElse(null);
                    Instant next = subscription == null ? null : syncAt(subscription, now);
                    invoices.lineSyncDone(each.subscriptionId(), next);
                    return 1;
                });
            } catch (RuntimeException failed) {
                LOG.warn("Could not plan the lines of subscription {} in namespace {}; the next round retries", each.subscriptionId(),
                        each.namespace(), failed);
                return 0;
            }
        });
    }

    private Instant syncAt(Subscription subscription, Instant now) {
        InvoiceCustomer customer;
        try {
            customer = customers.require(subscription.namespace(), subscription.customerId());
        } catch (NotFoundException gone) {
            return null; // a deleted customer is billed no further
        }
        CurrencyPrecision currency = CurrencyPrecision.of(subscription.currency());
        SubscriptionLines planned = SubscriptionLines.plan(AddonOverlay.of(subscription, addons.ofSubscription(subscription.namespace(),
                subscription.id())), now, currency, TypeId::newUuid, now);
        String prefix = Ulid.of(subscription.id()) + "/";
        invoices.lockCustomer(subscription.namespace(), customer.id());
        Set<String> invoiced = invoices.invoicedSubscriptionLines(subscription.namespace(),
                planned.lines().stream().map(InvoiceLine::childUniqueReferenceId).toList());
        Invoice gathering = invoices.lockGathering(subscription.namespace(), customer.id(), subscription.currency()).orElse(null);
        Map<String, InvoiceLine> pending = new HashMap<>();
        if (gathering != null) {
            gathering.lines().stream().filter(l -> l.childUniqueReferenceId() != null && l.childUniqueReferenceId().startsWith(prefix))
                    .forEach(l -> pending.put(l.childUniqueReferenceId(), l));
        }
        List<InvoiceLine> added = new ArrayList<>();
        Map<String, InvoiceLine> replaced = new HashMap<>();
        for (InvoiceLine line : planned.lines()) {
            String identity = line.childUniqueReferenceId();
            InvoiceLine existing = pending.remove(identity);
            if (existing != null) {
                // Still pending (whole, or the rest of a progressively billed period): take the subscription's terms.
                InvoiceLine shaped = reshaped(existing, line, now);
                if (shaped == null) {
                    pending.put(identity, existing); // nothing of it is billed any more: dropped below
                } else if (!sameTerms(existing, shaped)) {
                    replaced.put(identity, shaped);
                }
            } else if (!invoiced.contains(identity)) {
                added.add(line);
            }
        }
        Set<String> dropped = pending.keySet(); // pending lines the subscription no longer bills
        if (gathering == null) {
            if (!added.isEmpty()) {
                book.add(subscription.namespace(), customer, subscription.currency(), added, terms.termsFor(subscription.namespace(), customer.id()),
                        now); // opens the customer's gathering invoice in the currency
            }
            return planned.nextAt();
        }
        if (replaced.isEmpty() && dropped.isEmpty()) {
            if (!added.isEmpty()) {
                // The usual case at a period's start: the new period's lines after the pending ones, which stay as stored.
                List<InvoiceLine> all = new ArrayList<>(gathering.lines());
                all.addAll(added);
                invoices.saveAppended(gathering.withLines(all, now), added);
            }
            return planned.nextAt();
        }
        // One write of the gathering invoice already locked here: the kept (re-shaped) lines, then the new ones.
        List<InvoiceLine> kept = new ArrayList<>();
        for (InvoiceLine line : gathering.lines()) {
            String identity = line.childUniqueReferenceId();
            if (identity != null && dropped.contains(identity)) {
                continue;
            }
            kept.add(replaced.getOrDefault(identity, line));
        }
        kept.addAll(added);
        if (kept.isEmpty()) {
            invoices.delete(gathering);
        } else {
            invoices.save(gathering.withLines(kept, now));
        }
        return planned.nextAt();
    }

    private static boolean sameTerms(InvoiceLine a, InvoiceLine b) {
        return a.period().equals(b.period()) && a.invoiceAt().equals(b.invoiceAt()) && Objects.equals(a.rateCard(), b.rateCard())
                && a.name().equals(b.name());
    }

    /**
     * The pending line with the subscription's new terms, keeping its id and its detailed lines' ids. The rest of a
     * progressively billed period keeps its own start and takes the period's new end; null when nothing of it is left.
     */
    private static InvoiceLine reshaped(InvoiceLine existing, InvoiceLine planned, Instant now) {
        dev.tollgate.billing.domain.invoice.LinePeriod period = planned.period();
        if (existing.splitGroupId() != null) {
            if (!existing.period().from().isBefore(planned.period().to())) {
                return null;
            }
            period = new dev.tollgate.billing.domain.invoice.LinePeriod(existing.period().from(), planned.period().to());
        }
        return new InvoiceLine(existing.id(), planned.name(), planned.description(), existing.metadata(), existing.managedBy(), existing.status(),
                period, planned.servicePeriod(), planned.invoiceAt(), planned.rateCard(), existing.splitGroupId(), null, existing.children(), null,
                null, null, planned.subscription(), planned.childUniqueReferenceId(), existing.createdAt(), now);
    }
}
