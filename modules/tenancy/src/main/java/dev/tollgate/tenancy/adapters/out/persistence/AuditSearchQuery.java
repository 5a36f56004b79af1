package dev.tollgate.tenancy.adapters.out.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit log's search as a PostgreSQL text query: every word of the search must begin a word of the entry's summary
 * or resource id ({@code 'renamed':* & 'key_01m9':*}), case-insensitively ({@code simple} configuration: no stemming,
 * no stop words, so ids and numbers are words too). Only letters, digits and {@code _ - . @ /} are kept of each word,
 * so no input can change the query's shape, and the query can be written into the SQL as a literal: the planner then
 * sees the words and chooses, by their frequency in the log, between passing the newest entries in order and the index.
 */
final class AuditSearchQuery {
    private AuditSearchQuery() {
    }

    /** The text query for {@code search}, or null when it has no word left. */
    static String of(String search) {
        List<String> terms = new ArrayList<>();
        for (String word : search.strip().split("\\s+")) {
            StringBuilder kept = new StringBuilder();
            word.codePoints().filter(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@' || c == '/')
                    .forEach(kept::appendCodePoint);
            if (!kept.isEmpty()) {
                terms.add("'" + kept + "':*");
            }
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    /** The condition on V11's stored words for a query made by {@link #of}, the query as an SQL string literal. */
    static String condition(String query) {
        return "words @@ to_tsquery('simple', '" + query.replace("'", "''") + "')";
    }
}
