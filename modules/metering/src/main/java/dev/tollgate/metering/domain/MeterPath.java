package dev.tollgate.metering.domain;

import java.util.regex.Pattern;

/**
 * The JSONPaths a meter may read from an event: {@code $} followed by member names ({@code .tokens},
 * {@code ."with space"}) and array indexes ({@code [0]}). They run inside the shared database for every event a query
 * reads, so filters ({@code ?(…)}), {@code like_regex}, wildcards, recursive descent ({@code .**}), methods and
 * arithmetic are refused when the meter is created: one tenant's path must not be able to hold the database.
 */
final class MeterPath {
    static final String RULE = "invalid JSONPath for a meter: only member names and array indexes are allowed, such as $.tokens "
            + "or $.items[0].count (no filters, wildcards, recursive descent or methods)";
    private static final int MAX_LENGTH = 512;
    private static final Pattern SUBSET = Pattern.compile(
            "\\$(?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|\"(?:[^\"\\\\\\p{Cntrl}]|\\\\[\"\\\\])+\")|\\[\\d{1,6}])*");

    private MeterPath() {
    }

    static boolean allowed(String path) {
        return path != null && path.length() <= MAX_LENGTH && SUBSET.matcher(path).matches();
    }
}
