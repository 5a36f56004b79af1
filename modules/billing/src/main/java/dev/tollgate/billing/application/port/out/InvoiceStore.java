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

    /** The invoice with its row locked until the transaction ends: the one way to read an invoice before changing it. */
    Optional<Invoice> lock(UUID namespace, UUID id);

    /** The customer's gathering invoice in {@code currency}, locked; empty when there is none yet. */
    Optional<Invoice> lockGathering(UUID namespace, String customerId, String currency);

    /** The customer's gathering invoices (one per currency), not locked. */
    List<Invoice> gatheringOf(UUID namespace, String customerId);

    /** Creates the invoice with its lines. */
    void insert(Invoice invoice);

    /** Writes a locked invoice back: its header, totals and exactly the lines it now has. */
    Invoice save(Invoice invoice);

    /** Removes an invoice that never became more than a gathering invoice without lines. */
    void delete(Invoice invoice);

    Page<Invoice> list(UUID namespace, InvoiceFilter filter, PageRequest page, boolean withLines);

    /**
     * Locks and returns up to {@code limit} invoices of any namespace whose clock has come (collection or draft period
     * over), skipping those another node holds: several nodes can run the advancing worker at once.
     */
    List<Invoice> claimWaiting(Instant now, int limit);

    /** Gathering invoices with a line due by {@code now}, earliest first, without their lines and not locked. */
    List<Invoice> claimGatheringDue(Instant now, int limit);

    /** The next number of {@code series} in the namespace, in the caller's transaction: unique and without gaps. */
    long nextNumber(UUID namespace, String series);

    /** The identities of a subscription's lines already on standard invoices (prefix {@code <subscriptionId>/}). */
    java.util.Set<String> invoicedSubscriptionLines(UUID namespace, String subscriptionPrefix);

    /** Plans the subscription's lines again at {@code at} (upserted: the earliest request wins). */
    void scheduleLineSync(UUID namespace, UUID subscriptionId, Instant at);

    /** Claims up to {@code limit} subscriptions whose lines are due to be planned, skipping those another node holds. */
    List<SubscriptionDue> claimLineSyncs(Instant now, int limit);

    record SubscriptionDue(UUID namespace, UUID subscriptionId) {
    }

    /** After planning: the next time ({@code null}: never again unless the subscription changes). */
    void lineSyncDone(UUID subscriptionId, Instant next);
}
