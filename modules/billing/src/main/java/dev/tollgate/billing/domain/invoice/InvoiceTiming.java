package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.profile.InvoicingTerms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * When an invoice collects usage, stops being a draft and falls due (digest 003b §3.7): collection waits the
 * workflow's interval after the latest usage line's invoiceAt (late events still count), or happens at once when the
 * invoice has no usage lines; the draft period starts once collection is due; the due date follows it. Anchored
 * collection moves collection to the first day of the next month, as OpenMeter does.
 */
public record InvoiceTiming(Instant collectionAt, Instant draftUntil, Instant dueAt) {
    public static InvoiceTiming of(List<InvoiceLine> lines, InvoicingTerms terms, Instant createdAt) {
        Instant latestUsage = lines.stream().filter(line -> dev.tollgate.billing.domain.pricing.RateCardPricing.metered(line.price()))
                .map(InvoiceLine::invoiceAt).max(Instant::compareTo).orElse(null);
        Instant collectionAt = createdAt;
        if (latestUsage != null) {
            collectionAt = plus(latestUsage, terms.collectionInterval());
            if (terms.anchoredCollection()) {
                collectionAt = ZonedDateTime.ofInstant(collectionAt, ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfNextMonth())
                        .truncatedTo(ChronoUnit.DAYS).toInstant();
            }
        }
        return draftFrom(collectionAt, collectionAt.isAfter(createdAt) ? collectionAt : createdAt, terms);
    }

    /**
     * The timing once quantities are collected at {@code collectedAt}: the draft period and the due date count from
     * then (or from the planned collection time, when collection happened on time).
     */
    public static InvoiceTiming afterCollection(Invoice invoice, Instant collectedAt) {
        InvoicingTerms terms = invoice.terms();
        Instant start = invoice.collectionAt() != null && invoice.collectionAt().isBefore(collectedAt) ? invoice.collectionAt() : collectedAt;
        return draftFrom(invoice.collectionAt(), start, terms);
    }

    /** The draft period from {@code start} and the due date after it; neither without auto-advance. */
    private static InvoiceTiming draftFrom(Instant collectionAt, Instant start, InvoicingTerms terms) {
        Instant draftUntil = terms.autoAdvance() ? plus(start, terms.draftPeriod()) : null;
        Instant dueAt = draftUntil == null ? null : plus(draftUntil, terms.dueAfter()).truncatedTo(ChronoUnit.SECONDS);
        return new InvoiceTiming(collectionAt, draftUntil, dueAt);
    }

    /** The due date of an invoice issued at {@code issuedAt} without auto-advance: issue time plus the payment term. */
    public static Instant dueAfterIssue(Instant issuedAt, InvoicingTerms terms) {
        return plus(issuedAt, terms.dueAfter()).truncatedTo(ChronoUnit.SECONDS);
    }

    static Instant plus(Instant at, dev.tollgate.platform.domain.IsoDuration duration) {
        if (duration == null) {
            return at;
        }
        return duration.boundary(ZonedDateTime.ofInstant(at, ZoneOffset.UTC), 1).toInstant();
    }
}
