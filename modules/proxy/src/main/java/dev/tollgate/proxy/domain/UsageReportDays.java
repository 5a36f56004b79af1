package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/** The UTC days a usage report covers: start and end inclusive, at most {@value #MAX_DAYS} of them. */
public record UsageReportDays(LocalDate start, LocalDate end) {
    public static final int MAX_DAYS = 92;

    /** Parses PgBeam's {@code start_date} and {@code end_date} (YYYY-MM-DD, both required). */
    public static UsageReportDays parse(String start, String end) {
        LocalDate from = date("start_date", start);
        LocalDate to = date("end_date", end);
        if (to.isBefore(from)) {
            throw new ValidationException("end_date", to + " is before start_date " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new ValidationException("end_date", "must be at most " + (MAX_DAYS - 1) + " days after start_date (a report covers at most "
                    + MAX_DAYS + " days)");
        }
        return new UsageReportDays(from, to);
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date as YYYY-MM-DD, not '" + text + "'");
        }
    }

    public Instant from() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive: the start of the day after {@code end}. */
    public Instant to() {
        return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public List<LocalDate> days() {
        return Stream.iterate(start, d -> !d.isAfter(end), d -> d.plusDays(1)).toList();
    }
}
