package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageReportDaysTest {

    @Test
    void bothDatesAreInclusiveUtcDays() {
        UsageReportDays period = UsageReportDays.parse("2026-02-27", "2026-03-01");
        assertEquals(Instant.parse("2026-02-27T00:00:00Z"), period.from());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), period.to());
        assertEquals(java.util.List.of(LocalDate.parse("2026-02-27"), LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-01")),
                period.days());
        assertEquals(1, UsageReportDays.parse("2026-03-01", "2026-03-01").days().size());
    }

    @Test
    void atMost92Days() {
        assertEquals(92, UsageReportDays.parse("2026-01-01", "2026-04-02").days().size());
        ValidationException tooLong = assertThrows(ValidationException.class, () -> UsageReportDays.parse("2026-01-01", "2026-04-03"));
        assertEquals("end_date", tooLong.errors().get(0).field());
    }

    @Test
    void badDatesNameTheirField() {
        assertEquals("start_date", assertThrows(ValidationException.class, () -> UsageReportDays.parse(null, "2026-01-01")).errors().get(0).field());
        assertEquals("end_date", assertThrows(ValidationException.class, () -> UsageReportDays.parse("2026-01-01", " ")).errors().get(0).field());
        ValidationException calendar = assertThrows(ValidationException.class, () -> UsageReportDays.parse("2026-02-30", "2026-03-01"));
        assertTrue(calendar.errors().get(0).message().contains("2026-02-30"), calendar.errors().toString());
        assertThrows(ValidationException.class, () -> UsageReportDays.parse("2026-01-01T00:00:00Z", "2026-01-02"));
        assertThrows(ValidationException.class, () -> UsageReportDays.parse("2026-01-02", "2026-01-01"));
    }
}
