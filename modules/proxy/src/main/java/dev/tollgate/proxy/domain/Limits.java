package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;

/** Range checks with the document's field names in the message. */
final class Limits {
    private Limits() {
    }

    static int range(String field, Integer value, int min, int max, int fallback) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max);
        }
        return v;
    }

    /** A count given as query-string text (PgBeam's {@code limit}): 1 to {@code max}, {@code fallback} when absent. */
    static int count(String field, String value, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "must be an integer from 1 to " + max);
        }
        if (n < 1 || n > max) {
            throw new ValidationException(field, "must be from 1 to " + max + ", not " + n);
        }
        return n;
    }

    static String text(String field, String value, int min, int max, boolean allowWhitespace) {
        if (value == null || value.length() < min) {
            throw new ValidationException(field, min > 0 ? "is required" : "must not be null");
        }
        if (value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        if (value.indexOf('\0') >= 0 || (!allowWhitespace && value.chars().anyMatch(Character::isWhitespace))) {
            throw new ValidationException(field, allowWhitespace ? "must not contain NUL characters" : "must not contain whitespace");
        }
        return value;
    }
}
