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
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

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
    /** Subscriptions planned per transaction by the worker. */
    private static final int BATCH = 25;

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
        Instant next = plan(subscription.namespace(), List.of(subscription), clock.instant()).get(subscription.id());
        if (next != null) {
            invoices.scheduleLineSync(subscription.namespace(), subscription.id(), next);
        }
    }

    /**
     * Plans the due subscriptions' lines on the worker's threads, {@value #BATCH} subscriptions of a namespace per
     * transaction (a period end plans thousands: one read of each kind and one write of each kind per batch instead of
     * per subscription). The batch's schedule rows are locked ({@code SKIP LOCKED}: another thread or node has them) and
     * checked to be still due, and the lines are made under the customers' locks, so a period is planned once however
     * many workers run. A batch that fails is planned again one subscription per transaction, so one bad subscription
     * never holds up the others.
     */
    @Override
    public int syncDue(Instant now, int limit) {
        List<InvoiceStore.SubscriptionDue> due = transactions.executeRead(status -> invoices.dueLineSyncs(now, limit));
        return workers.each(batches(due), batch -> planDue(batch, now));
    }

    private static List<List<InvoiceStore.SubscriptionDue>> batches(List<InvoiceStore.SubscriptionDue> due) {
        Map<UUID, List<InvoiceStore.SubscriptionDue>> byNamespace = new LinkedHashMap<>();
        due.forEach(each -> byNamespace.computeIfAbsent(each.namespace(), any -> new ArrayList<>()).add(each));
        List<List<InvoiceStore.SubscriptionDue>> batches = new ArrayList<>();
        for (List<InvoiceStore.SubscriptionDue> ofNamespace : byNamespace.values()) {
            for (int from = 0; from < ofNamespace.size(); from += BATCH) {
                batches.add(ofNamespace.subList(from, Math.min(ofNamespace.size(), from + BATCH)));
            }
        }
        return batches;
    }

    private int planDue(List<InvoiceStore.SubscriptionDue> batch, Instant now) {
        UUID namespace = batch.get(0).namespace();
        List<UUID> ids = batch.stream().map(InvoiceStore.SubscriptionDue::subscriptionId).toList();
        try {
            return transactions.executeWrite(status -> {
                Set<UUID> held = invoices.lockLineSyncs(ids, now); // the others were planned meanwhile, or are being planned elsewhere
                if (held.isEmpty()) {
                    return 0;
                }
                Map<UUID, Instant> next = new HashMap<>();
                held.forEach(id -> next.put(id, null)); // a subscription that is gone is planned no further
                next.putAll(plan(namespace, subscriptions.findAll(namespace, held), now));
                invoices.lineSyncsDone(next);
                return held.size();
            });
        } catch (RuntimeException failed) {
            if (batch.size() > 1) {
                LOG.info("Planning {} subscriptions together failed ({}); planning them one by one", batch.size(), failed.toString());
                return batch.stream().mapToInt(one -> planDue(List.of(one), now)).sum();
            }
            LOG.warn("Could not plan the lines of subscription {} in namespace {}; the next round retries", ids.get(0), namespace, failed);
            return 0;
        }
    }

    /**
     * Plans the subscriptions' lines up to now onto their customers' gathering invoices, in the caller's transaction;
     * returns when each should be planned again (absent or null: never, unless it changes). Reads what it needs for all
     * of them at once, then takes their customers' locks together (in one order), so it holds them while it compares
     * with what is invoiced and pending.
     */
    private Map<UUID, Instant> plan(UUID namespace, List<Subscription> all, Instant now) {
        Map<UUID, Instant> next = new HashMap<>();
        Map<String, InvoiceCustomer> live = customers.live(namespace, all.stream().map(Subscription::customerId).distinct().toList());
        List<Subscription> billed = all.stream().filter(s -> live.containsKey(s.customerId())).toList(); // a deleted customer is billed no further
        if (billed.isEmpty()) {
            return next;
        }
        Map<UUID, List<SubscriptionAddon>> addOns = addons.ofSubscriptions(namespace, billed.stream().map(Subscription::id).toList());
        Map<UUID, SubscriptionLines> planned = new HashMap<>();
        for (Subscription s : billed) {
            planned.put(s.id(), SubscriptionLines.plan(AddonOverlay.of(s, addOns.getOrDefault(s.id(), List.of())), now,
                    CurrencyPrecision.of(s.currency()), TypeId::newUuid, now));
        }
        List<String> customerIds = billed.stream().map(s -> live.get(s.customerId()).id()).distinct().toList();
        invoices.lockCustomers(namespace, customerIds);
        Set<String> invoiced = invoices.invoicedSubscriptionLines(namespace, planned.values().stream()
                .flatMap(p -> p.lines().stream()).map(InvoiceLine::childUniqueReferenceId).toList());
        Map<String, Gathering> gatherings = new HashMap<>();
        invoices.lockGatherings(namespace, customerIds).forEach(g -> gatherings.put(g.customerId() + "/" + g.currency(), new Gathering(g)));
        for (Subscription s : billed) {
            SubscriptionLines lines = planned.get(s.id());
            reconcile(s, live.get(s.customerId()), lines, invoiced, gatherings, now);
            next.put(s.id(), lines.nextAt());
        }
        invoices.saveAllAppended(gatherings.values().stream().filter(g -> !g.unsaved.isEmpty())
                .map(g -> new InvoiceStore.Appending(g.invoice, g.unsaved)).toList());
        return next;
    }

    /** A customer's gathering invoice in a currency as this transaction has it: lines appended here are written at the end. */
    private static final class Gathering {
        private Invoice invoice;
        private final List<InvoiceLine> unsaved = new ArrayList<>();

        private Gathering(Invoice invoice) {
            this.invoice = invoice;
        }
    }

    /**
     * Makes the subscription's pending lines on the gathering invoice what was planned: adds new ones, re-shapes pending
     * ones it changed, drops those it no longer bills; lines already invoiced are never touched.
     */
    private void reconcile(Subscription subscription, InvoiceCustomer customer, SubscriptionLines planned, Set<String> invoiced,
                           Map<String, Gathering> gatherings, Instant now) {
        String key = customer.id() + "/" + subscription.currency();
        Gathering gathering = gatherings.get(key);
        String prefix = Ulid.of(subscription.id()) + "/";
        Map<String, InvoiceLine> pending = new HashMap<>();
        if (gathering != null) {
            gathering.invoice.lines().stream().filter(l -> l.childUniqueReferenceId() != null && l.childUniqueReferenceId().startsWith(prefix))
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
                // Opens the customer's gathering invoice in the currency; later subscriptions of the batch append to it.
                Invoice opened = book.add(subscription.namespace(), customer, subscription.currency(), added,
                        terms.termsFor(subscription.namespace(), customer.id()), now).invoice();
                gatherings.put(key, new Gathering(opened));
            }
            return;
        }
        if (replaced.isEmpty() && dropped.isEmpty()) {
            if (!added.isEmpty()) {
                // The usual case at a period's start: the new period's lines after the pending ones, which stay as stored.
                List<InvoiceLine> all = new ArrayList<>(gathering.invoice.lines());
                all.addAll(added);
                gathering.invoice = gathering.invoice.withLines(all, now);
                gathering.unsaved.addAll(added);
            }
            return;
        }
        // One write of the locked gathering invoice: the kept (re-shaped) lines, then the new ones; lines appended
        // earlier in the batch are among the kept and written with them.
        List<InvoiceLine> kept = new ArrayList<>();
        for (InvoiceLine line : gathering.invoice.lines()) {
            String identity = line.childUniqueReferenceId();
            if (identity != null && dropped.contains(identity)) {
                continue;
            }
            kept.add(replaced.getOrDefault(identity, line));
        }
        kept.addAll(added);
        gathering.unsaved.clear();
        if (kept.isEmpty()) {
            invoices.delete(gathering.invoice);
            gatherings.remove(key);
        } else {
            gathering.invoice = invoices.save(gathering.invoice.withLines(kept, now));
        }
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
