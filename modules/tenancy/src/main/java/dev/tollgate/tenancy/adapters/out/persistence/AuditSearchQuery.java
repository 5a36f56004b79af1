package dev.tollgate.tenancy.adapters.out.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit log's search as a PostgreSQL text query: every word of the search must begin a word of the entry's summary
 * or resource id ({@code 'renamed':* & 'key_01m9':*}), case-insensitively ({@code simple} configuration: no stemming,
 * no stop words, so ids and numbers are words too). Characters that are text-query syntax are dropped from the words,
 * so no input can change the query's shape.
 */
final class AuditSearchQuery {
    /** The condition, with the query as its one parameter; its left side is V11's index expression, so the index serves it. */
    static final String MATCHES = "to_tsvector('simple', summary || ' ' || resource_id) @@ to_tsquery('simple', ?)";

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
}
