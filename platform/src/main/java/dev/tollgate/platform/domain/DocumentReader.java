package dev.tollgate.platform.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JSON document (objects as maps, arrays as lists) as deep request bodies arrive, collecting
 * every problem with its path (e.g. {@code phases/1/rateCards/0/price/amount}) instead of stopping at the first.
 * A client fixing a deep document (a plan, an entitlement with grants) needs all of its mistakes at once.
 */
public final class DocumentReader {
    public static final Pattern KEY = Pattern.compile("^[a-z0-9]+(?:_[a-z0-9]+)*$");
    private static final Pattern NUMERIC = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");
    private final List<FieldError> errors = new ArrayList<>();

    public void fail(String path, String code, String message) {
        errors.add(new FieldError(path, message, code));
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws the collected problems as one validation failure, if there are any. */
    public void throwIfFailed() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    public static String at(String path, String field) {
        return path.isEmpty() ? field : path + "/" + field;
    }

    public String text(Map<String, ?> doc, String path, String field, boolean required, int maxLength) {
        Object value = doc.get(field);
        String where = at(path, field);
        if (value == null) {
            if (required) {
                fail(where, "field_required", "is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            fail(where, "invalid_type", "must be a string");
            return null;
        }
        if (required && s.isBlank()) {
            fail(where, "field_required", "must not be empty");
        } else if (s.length() > maxLength) {
            fail(where, "invalid_length", "must be at most " + maxLength + " characters");
        } else if (s.indexOf('\u0000') >= 0) {
            fail(where, "invalid_value", "must not contain NUL characters"); // PostgreSQL text cannot hold them
        }
        return s;
    }

    /**
     * A free-form JSON object (maps, lists, strings, numbers, booleans) that PostgreSQL's jsonb can hold: no NUL in any
     * string or key, and at most {@code maxChars} characters of JSON (measured by {@code size}).
     */
    public Map<String, Object> freeObject(Map<String, ?> doc, String path, String field, int maxChars, java.util.function.ToIntFunction<Object> size) {
        Map<String, Object> value = object(doc, path, field, false);
        if (value != null) {
            if (containsNul(value)) {
                fail(at(path, field), "invalid_value", "must not contain NUL characters");
            } else if (size.applyAsInt(value) > maxChars) {
                fail(at(path, field), "invalid_length", "must be at most " + maxChars + " characters of JSON");
            }
        }
        return value;
    }

    private static boolean containsNul(Object value) {
        if (value instanceof String s) {
            return s.indexOf('\u0000') >= 0;
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> containsNul(String.valueOf(e.getKey())) || containsNul(e.getValue()));
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(DocumentReader::containsNul);
        }
        return false;
    }

    /** An email address ({@link EmailAddress}): at most 254 characters of the usual shape. */
    public String email(Map<String, ?> doc, String path, String field, boolean required) {
        String email = text(doc, path, field, required, 254);
        if (email != null && !EmailAddress.isValid(email)) {
            fail(at(path, field), "invalid_email", "must be a valid email address");
        }
        return email;
    }

    /** A KEY: 1-64 lowercase letters, digits and single underscores. */
    public String key(Map<String, ?> doc, String path, String field, boolean required) {
        String key = text(doc, path, field, required, 64);
        if (key != null && !key.isEmpty() && !KEY.matcher(key).matches()) {
            fail(at(path, field), "invalid_key", "'" + key + "' must be lowercase letters, digits and single underscores, e.g. api_calls");
        }
        return key;
    }

    public String oneOf(Map<String, ?> doc, String path, String field, Set<String> allowed, String fallback) {
        String value = text(doc, path, field, fallback == null, 64);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            fail(at(path, field), "invalid_value", "must be one of " + new java.util.TreeSet<>(allowed) + ", not '" + value + "'");
            return fallback; // the failure is recorded; callers go on reading with a known value or none
        }
        return value;
    }

    public Map<String, String> metadata(Map<String, ?> doc, String path) {
        Object value = doc.get("metadata");
        if (value == null) {
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            fail(at(path, "metadata"), "invalid_type", "must be an object of strings");
            return null;
        }
        map.forEach((k, v) -> {
            if (v instanceof String s) {
                metadata.put(String.valueOf(k), s);
            } else {
                fail(at(at(path, "metadata"), String.valueOf(k)), "invalid_type", "metadata values must be strings");
            }
        });
        return metadata;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Map<String, ?> doc, String path, String field, boolean required) {
        Object value = doc.get(field);
        if (value == null) {
            if (required) {
                fail(at(path, field), "field_required", "is required");
            }
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            fail(at(path, field), "invalid_type", "must be an object");
            return null;
        }
        return (Map<String, Object>) value;
    }

    /** A list of objects; entries that are not objects are reported and skipped. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(Map<String, ?> doc, String path, String field) {
        Object value = doc.get(field);
        if (value == null) {
            fail(at(path, field), "field_required", "is required");
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            fail(at(path, field), "invalid_type", "must be an array");
            return List.of();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> item) {
                items.add((Map<String, Object>) item);
            } else {
                fail(at(at(path, field), String.valueOf(i)), "invalid_type", "must be an object");
            }
        }
        return items;
    }

    public boolean bool(Map<String, ?> doc, String path, String field, boolean fallback) {
        Object value = doc.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            fail(at(path, field), "invalid_type", "must be true or false");
            return fallback;
        }
        return b;
    }

    /** A JSON number; null when absent. */
    public BigDecimal number(Map<String, ?> doc, String path, String field) {
        Object value = doc.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            fail(at(path, field), "invalid_type", "must be a number");
            return null;
        }
        if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
            fail(at(path, field), "invalid_value", "must be a finite number");
            return null;
        }
        return new BigDecimal(n.toString());
    }

    /** OpenMeter's Numeric: an arbitrary-precision decimal written as a JSON string, e.g. "0.10". */
    public BigDecimal numeric(Map<String, ?> doc, String path, String field, boolean required) {
        Object value = doc.get(field);
        if (value == null) {
            if (required) {
                fail(at(path, field), "field_required", "is required");
            }
            return null;
        }
        if (!(value instanceof String s) || !NUMERIC.matcher(s).matches() || s.length() > 40) {
            fail(at(path, field), "invalid_numeric", "must be a decimal number written as a string, e.g. \"0.10\"");
            return null;
        }
        return new BigDecimal(s);
    }

    public IsoDuration duration(Map<String, ?> doc, String path, String field, boolean required) {
        String text = text(doc, path, field, required, 40);
        if (text == null) {
            return null;
        }
        IsoDuration duration = IsoDuration.parse(text).orElse(null);
        if (duration == null) {
            fail(at(path, field), "invalid_duration", "'" + text + "' is not an ISO-8601 duration such as P1M, P14D or PT1H");
        }
        return duration;
    }

    /** An RFC 3339 date-time, e.g. {@code 2026-01-01T00:00:00Z}; null when absent. */
    public java.time.Instant time(Map<String, ?> doc, String path, String field, boolean required) {
        String text = text(doc, path, field, required, 64);
        if (text == null) {
            return null;
        }
        try {
            java.time.OffsetDateTime parsed = java.time.OffsetDateTime.parse(text);
            if (parsed.getYear() < 1970 || parsed.getYear() > 9999) {
                fail(at(path, field), "invalid_time", "must be between the years 1970 and 9999");
                return null;
            }
            return parsed.toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            fail(at(path, field), "invalid_time", "'" + text + "' is not an RFC 3339 date-time such as 2026-01-01T00:00:00Z");
            return null;
        }
    }

    /** A whole JSON number within [min, max]; null when absent or refused (the refusal is recorded). */
    public Integer whole(Map<String, ?> doc, String path, String field, long min, long max, String message) {
        BigDecimal n = number(doc, path, field);
        if (n == null) {
            return null;
        }
        if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            fail(at(path, field), "invalid_value", message);
            return null;
        }
        return n.intValueExact();
    }
}
