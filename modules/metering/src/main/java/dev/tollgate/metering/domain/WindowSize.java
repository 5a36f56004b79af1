package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** The tumbling, calendar-aligned windows a meter query can group by. */
public enum WindowSize {
    MINUTE, HOUR, DAY, MONTH;

    public static WindowSize parse(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of " + Arrays.toString(values()) + ", not '" + text + "'");
        }
    }

    /** The PostgreSQL date_trunc field for this window. */
    public String truncField() {
        return name().toLowerCase();
    }

    /** Where the window that starts at {@code start} ends, in {@code zone} (a DAY across a DST change is 23 or 25 h). */
    public ZonedDateTime end(ZonedDateTime start) {
        return switch (this) {
            case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    public static ZoneId zone(String field, String name) {
        if (name == null || name.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            throw new ValidationException(field, "invalid time zone '" + name + "'");
        }
    }
}
