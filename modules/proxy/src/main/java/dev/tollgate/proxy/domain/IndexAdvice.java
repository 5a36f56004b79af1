package dev.tollgate.proxy.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A missing index read off a generic plan (PlanetScale's schema recommendations, ADR 0060): a sequential scan of a
 * table of at least {@link #MIN_ROWS} rows whose filter compares plain columns with the statement's parameters; the
 * index those columns would want. Filters on expressions, quoted names or other columns are left alone: an index on
 * them is a decision for a person, not a rule.
 */
public record IndexAdvice(String relation, List<String> columns, long tableRows) {
    /** Below this a sequential scan is as fast as an index. */
    public static final long MIN_ROWS = 1_000;
    private static final Pattern COMPARISON = Pattern.compile(
            "\\((?:[a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*) (?:=|<|>|<=|>=) (?:\\$\\d+|ANY \\(\\$\\d+\\))(?:::[a-z_ \\[\\]]+)?\\)");
    private static final Pattern RELATION = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /** The advice for one scan, or null when its filter names no plain column or the table is small. */
    public static IndexAdvice of(String relation, String filter, long tableRows) {
        if (relation == null || filter == null || tableRows < MIN_ROWS || !RELATION.matcher(relation).matches()) {
            return null;
        }
        Set<String> columns = new LinkedHashSet<>();
        Matcher m = COMPARISON.matcher(filter);
        while (m.find()) {
            columns.add(m.group(1));
        }
        return columns.isEmpty() ? null : new IndexAdvice(relation, List.copyOf(columns), tableRows);
    }

    public String table() {
        int dot = relation.indexOf('.');
        return dot < 0 ? relation : relation.substring(dot + 1);
    }

    /** What to run: concurrently, so the table stays writable while it is built. */
    public String ddl() {
        return "CREATE INDEX CONCURRENTLY ON " + relation + " (" + String.join(", ", columns) + ");";
    }

    /** Stable across looks, so a recommendation keeps its id. */
    public String key() {
        return (relation + "(" + String.join(",", columns) + ")").toLowerCase(Locale.ROOT);
    }
}
