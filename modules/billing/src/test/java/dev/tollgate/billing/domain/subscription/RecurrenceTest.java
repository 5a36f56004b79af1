package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecurrenceTest {
    private static Recurrence of(String cadence, String origin) {
        return new Recurrence(IsoDuration.parse(cadence).orElseThrow(), Instant.parse(origin));
    }

    @ParameterizedTest(name = "{0} from {1}: {2} is in [{3}, {4})")
    @CsvSource({
            // month ends stay month ends, in both directions from the origin
            "P1M, 2025-01-31T00:00:00Z, 2025-02-28T12:00:00Z, 2025-02-28T00:00:00Z, 2025-03-31T00:00:00Z",
            "P1M, 2025-01-31T00:00:00Z, 2025-04-30T00:00:00Z, 2025-04-30T00:00:00Z, 2025-05-31T00:00:00Z",
            "P1M, 2025-01-31T00:00:00Z, 2024-12-31T00:00:00Z, 2024-12-31T00:00:00Z, 2025-01-31T00:00:00Z",
            "P1M, 2025-01-31T00:00:00Z, 2024-11-29T23:59:59Z, 2024-10-31T00:00:00Z, 2024-11-30T00:00:00Z",
            "P1M, 2024-02-29T10:00:00Z, 2025-02-28T10:00:00Z, 2025-02-28T10:00:00Z, 2025-03-29T10:00:00Z",
            // the period's start is in it, its end is not
            "P1M, 2025-01-15T00:00:00Z, 2025-03-15T00:00:00Z, 2025-03-15T00:00:00Z, 2025-04-15T00:00:00Z",
            "P1M, 2025-01-15T00:00:00Z, 2025-03-14T23:59:59Z, 2025-02-15T00:00:00Z, 2025-03-15T00:00:00Z",
            "P3M, 2025-01-31T00:00:00Z, 2025-05-01T00:00:00Z, 2025-04-30T00:00:00Z, 2025-07-31T00:00:00Z",
            "P1Y, 2024-02-29T00:00:00Z, 2025-03-01T00:00:00Z, 2025-02-28T00:00:00Z, 2026-02-28T00:00:00Z",
            "P1W, 2025-01-01T00:00:00Z, 2025-01-20T00:00:00Z, 2025-01-15T00:00:00Z, 2025-01-22T00:00:00Z",
            "P2W, 2025-01-01T00:00:00Z, 2024-12-31T00:00:00Z, 2024-12-18T00:00:00Z, 2025-01-01T00:00:00Z",
            "PT1H, 2025-01-01T00:30:00Z, 2025-01-01T05:00:00Z, 2025-01-01T04:30:00Z, 2025-01-01T05:30:00Z",
    })
    void periodsAreCountedFromTheOrigin(String cadence, String origin, String t, String from, String to) {
        Period p = of(cadence, origin).periodAt(Instant.parse(t));
        assertEquals(new Period(Instant.parse(from), Instant.parse(to)), p);
    }

    @ParameterizedTest(name = "anchor {1} for a start at {2} normalises to {3}")
    @CsvSource({
            "P1M, 2025-01-01T00:00:00Z, 2025-03-10T08:00:00Z, 2025-03-01T00:00:00Z",
            "P1M, 2025-06-01T00:00:00Z, 2025-03-10T08:00:00Z, 2025-03-01T00:00:00Z", // an anchor after the start goes back
            "P1M, 2025-03-10T08:00:00Z, 2025-03-10T08:00:00Z, 2025-03-10T08:00:00Z", // the default: the start itself
            "P1M, 2025-01-31T00:00:00Z, 2025-03-05T00:00:00Z, 2025-02-28T00:00:00Z",
            "P1Y, 2020-07-01T00:00:00Z, 2025-03-05T00:00:00Z, 2024-07-01T00:00:00Z",
    })
    void theAnchorIsItsLatestRecurrenceAtOrBeforeTheStart(String cadence, String anchor, String start, String normalised) {
        assertEquals(Instant.parse(normalised), of(cadence, anchor).atOrBefore(Instant.parse(start)));
    }

    @ParameterizedTest
    @CsvSource({"2025-03-31T00:00:00Z, true", "2025-03-30T00:00:00Z, false", "2025-04-30T00:00:00Z, true"})
    void boundaries(String t, boolean boundary) {
        Recurrence r = of("P1M", "2025-01-31T00:00:00Z");
        if (boundary) {
            assertTrue(r.isBoundary(Instant.parse(t)));
        } else {
            assertFalse(r.isBoundary(Instant.parse(t)));
        }
    }
}
