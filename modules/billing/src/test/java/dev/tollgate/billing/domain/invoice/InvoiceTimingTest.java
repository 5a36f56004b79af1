package dev.tollgate.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When an invoice collects, stops being a draft and falls due (digest 003b §3.7). */
class InvoiceTimingTest {
    static final Instant CREATED = Instant.parse("2025-02-01T10:00:00Z");

    private static InvoicingTerms terms(boolean anchored, boolean autoAdvance, String draftPeriod) {
        return new InvoicingTerms("p", Map.of(), d("PT1H"), anchored, autoAdvance, d(draftPeriod), d("P30D"), true, "charge_automatically",
                true, false, null, "a", "a", "a");
    }

    private static IsoDuration d(String text) {
        return IsoDuration.parse(text).orElseThrow();
    }

    private static InvoiceLine line(String priceType, String invoiceAt) {
        Map<String, Object> price = "flat".equals(priceType) ? Map.of("type", "flat", "amount", "1") : Map.of("type", "unit", "amount", "1");
        LinePeriod period = new LinePeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"));
        return new InvoiceLine(UUID.randomUUID(), "l", null, null, "manual", "valid", period, null, Instant.parse(invoiceAt),
                Map.of("price", price), null, null, List.of(), null, null, null, null, null, CREATED, CREATED);
    }

    @Test
    void withoutUsageCollectionIsImmediateAndTheDraftPeriodAndDueDateFollow() {
        InvoiceTiming timing = InvoiceTiming.of(List.of(line("flat", "2025-01-01T00:00:00Z")), terms(false, true, "P1D"), CREATED);
        assertEquals(CREATED, timing.collectionAt());
        assertEquals(Instant.parse("2025-02-02T10:00:00Z"), timing.draftUntil());
        assertEquals(Instant.parse("2025-03-04T10:00:00Z"), timing.dueAt());
    }

    @Test
    void usageWaitsTheCollectionIntervalAfterTheLatestUsageLine() {
        InvoiceTiming timing = InvoiceTiming.of(List.of(line("unit", "2025-02-01T09:30:00Z"), line("unit", "2025-02-01T11:00:00Z"),
                line("flat", "2025-02-05T00:00:00Z")), terms(false, true, "P0D"), CREATED);
        assertEquals(Instant.parse("2025-02-01T12:00:00Z"), timing.collectionAt(), "flat lines do not wait for late events");
        assertEquals(Instant.parse("2025-02-01T12:00:00Z"), timing.draftUntil());
    }

    @Test
    void anchoredCollectionMovesToTheFirstOfTheNextMonthAndManualApprovalHasNoDates() {
        InvoiceTiming timing = InvoiceTiming.of(List.of(line("unit", "2025-02-01T09:30:00Z")), terms(true, false, "P0D"), CREATED);
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), timing.collectionAt());
        assertNull(timing.draftUntil());
        assertNull(timing.dueAt());
    }
}
