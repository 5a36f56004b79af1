package dev.tollgate.platform.domain;

import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as plans and entitlements use them (billing cadences, phase lengths, usage periods, grant
 * recurrences): a calendar part in
 * months (years count 12) and an exact part in seconds (weeks, days, hours, minutes, seconds). {@code P1M} stays one
 * calendar month, so a cadence anchored on the 31st still lands on month ends.
 */
public record IsoDuration(String text, long months, long seconds) {
    private static final Pattern FORMAT = Pattern.compile(
            "P(?:(\\d{1,6})Y)?(?:(\\d{1,6})M)?(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?(?:T(?:(\\d{1,6})H)?(?:(\\d{1,6})M)?(?:(\\d{1,6})S)?)?");
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    public static Optional<IsoDuration> parse(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return Optional.empty();
        }
        long months = number(m, 1) * 12 + number(m, 2);
        long seconds = number(m, 3) * 7 * DAY + number(m, 4) * DAY + number(m, 5) * HOUR + number(m, 6) * 60 + number(m, 7);
        return Optional.of(new IsoDuration(text, months, seconds));
    }

    /** At least an hour long: OpenMeter's floor for cadences, phases and usage periods. */
    public boolean atLeastAnHour() {
        return months > 0 || seconds >= HOUR;
    }

    /**
     * Whether periods of this length and of {@code other} line up: one divides the other. Calendar and exact lengths
     * never line up (P1M and P1W drift apart), except when they are equal.
     */
    public boolean alignsWith(IsoDuration other) {
        if (months == other.months && seconds == other.seconds) {
            return true;
        }
        if (seconds == 0 && other.seconds == 0 && months > 0 && other.months > 0) {
            return months % other.months == 0 || other.months % months == 0;
        }
        if (months == 0 && other.months == 0 && seconds > 0 && other.seconds > 0) {
            return seconds % other.seconds == 0 || other.seconds % seconds == 0;
        }
        return false;
    }

    /**
     * The {@code n}-th boundary after {@code anchor}: always counted from the anchor, so months do not drift (Jan 31
     * + 1 month = Feb 28, + 2 months = Mar 31). {@code n} may be negative.
     */
    public ZonedDateTime boundary(ZonedDateTime anchor, long n) {
        return anchor.plusMonths(months * n).plusSeconds(seconds * n);
    }

    private static long number(Matcher m, int group) {
        String value = m.group(group);
        return value == null ? 0 : Long.parseLong(value);
    }
}
