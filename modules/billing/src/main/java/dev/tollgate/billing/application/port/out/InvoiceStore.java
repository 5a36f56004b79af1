package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where invoices and their lines are kept. Every method that changes an invoice expects it locked first. */
public interface InvoiceStore {
    Optional<Invoice> find(UUID namespace, UUID id);

    /**
     * Serializes everything that moves a customer's pending lines (adding, invoicing) until the transaction ends, so
     * two requests never open two gathering invoices or invoice one line twice.
     */
    void lockCustomer(UUID namespace, String customerId);

    /**
     * {@link #lockCustomer} for several customers in one round trip, always in the same order, so two holders of
     * overlapping sets never wait for each other in a circle.
     */
    void lockCustomers(UUID namespace, java.util.Collection<String> customerIds);

    /** The invoice with its row locked until the transaction ends: the one way to read an invoice before changing it. */
    Optional<Invoice> lock(UUID namespace, UUID id);

    /** The customer's gathering invoice in {@code currency}, locked; empty when there is none yet. */
    Optional<Invoice> lockGathering(UUID namespace, String customerId, String currency);

    /** {@link #lockGathering} for several customers at once: their gathering invoices in every currency, locked, with their lines. */
    List<Invoice> lockGatherings(UUID namespace, java.util.Collection<String> customerIds);

    /** The currencies the customer has a gathering invoice in, not locked (the caller locks each then). */
    List<String> gatheringCurrencies(UUID namespace, String customerId);

    /** Creates the invoice with its lines. */
    void insert(Invoice invoice);

    /** Writes a locked invoice back: its header, totals and exactly the lines it now has. */
    Invoice save(Invoice invoice);

    /**
     * Writes back a locked invoice whose remaining lines are exactly as stored, some lines taken off: its header and the
     * deletion of those lines only, where {@link #save} would rewrite every line.
     */
    Invoice saveWithout(Invoice invoice, java.util.Collection<UUID> removedLineIds);

    /**
     * Writes back locked invoices whose stored lines are unchanged and which each have their {@code added} lines at the
     * end: the headers in one batch and the new lines in another, where {@link #save} would rewrite every line.
     */
    void saveAllAppended(List<Appending> appendings);

    /** A locked invoice as it now is, and the lines at its end that are not stored yet. */
    record Appending(Invoice invoice, List<dev.tollgate.billing.domain.invoice.InvoiceLine> added) {
    }

    /** Removes an invoice that never became more than a gathering invoice without lines. */
    void delete(Invoice invoice);

    Page<Invoice> list(UUID namespace, InvoiceFilter filter, PageRequest page, boolean withLines);

    /**
     * Locks and returns up to {@code limit} invoices of any namespace whose clock has come (collection or draft period
     * over), skipping those another node holds: several nodes can run the advancing worker at once.
     */
    List<Invoice> claimWaiting(Instant now, int limit);

    /** Invoices waiting in draft.syncing or issuing.syncing, headers only and not locked (an app's sync locks each). */
    List<Invoice> findSyncing(int limit);

    /** Gathering invoices with a line due by {@code now}, earliest first, without their lines and not locked. */
    List<Invoice> claimGatheringDue(Instant now, int limit);

    /** The next number of {@code series} in the namespace, in the caller's transaction: unique and without gaps. */
    long nextNumber(UUID namespace, String series);

    /** Which of these subscription line identities ({@code childUniqueReferenceId}) are already on standard invoices. */
    java.util.Set<String> invoicedSubscriptionLines(UUID namespace, java.util.Collection<String> identities);

    /** Plans the subscription's lines again at {@code at} (upserted: the earliest request wins). */
    void scheduleLineSync(UUID namespace, UUID subscriptionId, Instant at);

    /** Up to {@code limit} subscriptions whose lines are due to be planned, earliest first, not locked. */
    List<SubscriptionDue> dueLineSyncs(Instant now, int limit);

    /**
     * Locks the schedule rows of those subscriptions that are still due and that no one else holds, and returns them:
     * the subscriptions this transaction is now to plan.
     */
    java.util.Set<UUID> lockLineSyncs(java.util.Collection<UUID> subscriptionIds, Instant now);

    record SubscriptionDue(UUID namespace, UUID subscriptionId) {
    }

    /** After planning: each subscription's next time ({@code null}: never again unless the subscription changes). */
    void lineSyncsDone(java.util.Map<UUID, Instant> next);

}
