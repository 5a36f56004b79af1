package dev.tollgate.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.platform.domain.ValidationException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageWindowsTest {
    static Period days(String from, String to) {
        return new Period(LocalDate.parse(from).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                LocalDate.parse(to).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    @Test
    void windowsAreDaysIsoWeeksOrMonthsCutToTheRange() {
        LocalDate wednesday = LocalDate.parse("2026-11-04");
        assertEquals(List.of(days("2026-11-04", "2026-11-05"), days("2026-11-05", "2026-11-06")),
                UsageWindows.of(wednesday, wednesday.plusDays(1), Granularity.DAY));
        assertEquals(List.of(days("2026-11-04", "2026-11-09"), days("2026-11-09", "2026-11-16"), days("2026-11-16", "2026-11-18")),
                UsageWindows.of(wednesday, LocalDate.parse("2026-11-17"), Granularity.WEEK));
        assertEquals(List.of(days("2026-01-15", "2026-02-01"), days("2026-02-01", "2026-03-01"), days("2026-03-01", "2026-03-03")),
                UsageWindows.of(LocalDate.parse("2026-01-15"), LocalDate.parse("2026-03-02"), Granularity.MONTH));
        assertEquals(366, UsageWindows.of(LocalDate.parse("2027-01-01"), LocalDate.parse("2028-01-01"), Granularity.DAY).size());
    }

    @Test
    void aRangeIsForwardAndAtMostAYearAndADay() {
        assertThrows(ValidationException.class, () -> UsageWindows.of(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01"), Granularity.DAY));
        assertThrows(ValidationException.class, () -> UsageWindows.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-02"), Granularity.MONTH));
    }
}
