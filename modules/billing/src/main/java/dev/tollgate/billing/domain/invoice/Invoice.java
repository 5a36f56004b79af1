package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.pricing.LineTotals;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An invoice of one customer in one currency: a gathering invoice that collects pending lines, or a standard invoice
 * that moves through the state machine from draft to paid (or voided). It keeps a snapshot of the customer, the
 * supplier and the workflow it was created under ({@code terms}), so later edits to the profile never rewrite it.
 *
 * @param revision bumped on every save; a save that finds another revision lost a race and is retried
 */
public record Invoice(UUID id, UUID namespace, String customerId, Map<String, Object> customer, Map<String, Object> supplier,
                      String currency, InvoiceState state, String number, InvoicingTerms terms, String description,
                      Map<String, String> metadata, Instant issuedAt, Instant draftUntil, Instant collectionAt, Instant dueAt,
                      Instant quantitySnapshotedAt, Instant voidedAt, Instant sentToCustomerAt, List<Map<String, Object>> validationIssues,
                      Map<String, Object> externalIds, Instant createdAt, Instant updatedAt, Instant deletedAt, List<InvoiceLine> lines,
                      long revision) {
    public Invoice {
        Objects.requireNonNull(state, "state");
        lines = lines == null ? List.of() : List.copyOf(lines);
        validationIssues = validationIssues == null ? List.of() : List.copyOf(validationIssues);
    }

    public boolean gathering() {
        return state == InvoiceState.GATHERING;
    }

    public CurrencyPrecision precision() {
        return CurrencyPrecision.of(currency);
    }

    /** The sum of the lines' totals (a line not priced yet counts nothing). */
    public LineTotals totals() {
        return LineTotals.sum(lines.stream().map(InvoiceLine::totals).filter(Objects::nonNull).toList(), precision());
    }

    /** From the earliest line start to the latest line end; null without lines. */
    public LinePeriod period() {
        if (lines.isEmpty()) {
            return null;
        }
        Instant from = lines.stream().map(l -> l.period().from()).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = lines.stream().map(l -> l.period().to()).max(Comparator.naturalOrder()).orElseThrow();
        return new LinePeriod(from, to);
    }

    public boolean criticalIssues() {
        return validationIssues.stream().anyMatch(issue -> "critical".equals(issue.get("severity")));
    }

    public Invoice withLines(List<InvoiceLine> newLines, Instant now) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, number, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues, externalIds, createdAt,
                now, deletedAt, newLines, revision);
    }

    public Invoice withState(InvoiceState newState, Instant now) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, newState, number, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues, externalIds, createdAt,
                now, newState == InvoiceState.DELETED ? now : deletedAt, lines, revision);
    }

    public Invoice withTiming(InvoiceTiming timing) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, number, terms, description, metadata, issuedAt,
                timing.draftUntil(), timing.collectionAt(), timing.dueAt(), quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues,
                externalIds, createdAt, updatedAt, deletedAt, lines, revision);
    }

    public Invoice snapshotted(List<InvoiceLine> pricedLines, Instant now) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, number, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, now, voidedAt, sentToCustomerAt, validationIssues, externalIds, createdAt, now, deletedAt,
                pricedLines, revision);
    }

    public Invoice withIssues(List<Map<String, Object>> issues) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, number, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, issues, externalIds, createdAt, updatedAt,
                deletedAt, lines, revision);
    }

    /** Issued now under {@code finalNumber}, due {@code due}, sent to the customer when the app sends it at once. */
    public Invoice issued(String finalNumber, Instant now, Instant due, Instant sentAt) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, finalNumber, terms, description, metadata, now,
                draftUntil, collectionAt, due, quantitySnapshotedAt, voidedAt, sentAt, validationIssues, externalIds, createdAt, now, deletedAt,
                lines, revision);
    }

    /** The same invoice under {@code newNumber} (a number taken when it is stored); nothing else changes. */
    public Invoice numbered(String newNumber) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, newNumber, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues, externalIds, createdAt,
                updatedAt, deletedAt, lines, revision);
    }

    public Invoice voided(Instant now) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, InvoiceState.VOIDED, number, terms, description, metadata,
                issuedAt, draftUntil, collectionAt, dueAt, quantitySnapshotedAt, now, sentToCustomerAt, validationIssues, externalIds,
                createdAt, now, deletedAt, lines, revision);
    }

    public Invoice edited(String newDescription, Map<String, String> newMetadata, Map<String, Object> newSupplier,
                          Map<String, Object> newCustomer, InvoicingTerms newTerms, Instant now) {
        return new Invoice(id, namespace, customerId, newCustomer, newSupplier, currency, state, number, newTerms, newDescription, newMetadata,
                issuedAt, draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues, externalIds,
                createdAt, now, deletedAt, lines, revision);
    }

    public Invoice withExternalIds(Map<String, Object> ids, String newNumber, Instant now) {
        return new Invoice(id, namespace, customerId, customer, supplier, currency, state, newNumber, terms, description, metadata, issuedAt,
                draftUntil, collectionAt, dueAt, quantitySnapshotedAt, voidedAt, sentToCustomerAt, validationIssues, ids, createdAt, now,
                deletedAt, lines, revision);
    }
}
