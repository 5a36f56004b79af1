package dev.tollgate.platform.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class IsoDurationTest {
    private static IsoDuration d(String text) {
        return IsoDuration.parse(text).orElseThrow();
    }

    @Test
    void readsCalendarAndExactParts() {
        assertEquals(14, d("P1Y2M").months());
        assertEquals(0, d("P1Y2M").seconds());
        assertEquals(8 * 86400 + 2 * 3600 + 30, d("P1W1DT2H30S").seconds());
        for (String bad : new String[] {"P", "PT", "1M", "P1.5M", "P-1M", "p1m", "P1MT", "P1234567D", ""}) {
            assertTrue(IsoDuration.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void cadencesAlignWhenOneDividesTheOther() {
        assertTrue(d("P1Y").alignsWith(d("P1M")));
        assertTrue(d("P1M").alignsWith(d("P3M")));
        assertFalse(d("P2M").alignsWith(d("P3M")));
        assertTrue(d("P1W").alignsWith(d("P1D")));
        assertTrue(d("P2W").alignsWith(d("P1W")));
        assertFalse(d("P1M").alignsWith(d("P1W")), "a month is not a whole number of weeks");
        assertFalse(d("P1M").alignsWith(d("P30D")));
        assertTrue(d("P12M").alignsWith(d("P1Y")));
    }

    @Test
    void theFloorIsOneHour() {
        assertTrue(d("PT1H").atLeastAnHour());
        assertTrue(d("P1M").atLeastAnHour());
        assertFalse(d("PT59M").atLeastAnHour());
    }

    @Test
    void monthsFollowTheCalendar() {
        ZonedDateTime endOfJanuary = ZonedDateTime.of(2026, 1, 31, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(ZonedDateTime.of(2026, 2, 28, 0, 0, 0, 0, ZoneOffset.UTC), d("P1M").boundary(endOfJanuary, 1));
        assertEquals(ZonedDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), d("P1D").boundary(endOfJanuary, 1));
    }

    @Test
    void boundariesCountFromTheAnchorSoMonthEndsHold() {
        ZonedDateTime anchor = ZonedDateTime.of(2026, 1, 31, 12, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(ZonedDateTime.of(2026, 2, 28, 12, 0, 0, 0, ZoneOffset.UTC), d("P1M").boundary(anchor, 1));
        assertEquals(ZonedDateTime.of(2026, 3, 31, 12, 0, 0, 0, ZoneOffset.UTC), d("P1M").boundary(anchor, 2));
        assertEquals(ZonedDateTime.of(2025, 12, 31, 12, 0, 0, 0, ZoneOffset.UTC), d("P1M").boundary(anchor, -1));
    }
}
