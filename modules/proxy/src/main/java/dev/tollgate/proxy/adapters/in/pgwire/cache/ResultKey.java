package dev.tollgate.proxy.adapters.in.pgwire.cache;

import java.util.UUID;

/**
 * What a cached result is valid for (ADR 0059): the database's pool (one upstream database and role), the user, the
 * session settings that change what a query returns or how it is encoded (search_path, TimeZone, DateStyle, ...) and
 * the exact SQL text, whose literals are the simple protocol's parameters.
 *
 * @param settings the client's tracked settings, in a fixed order ({@code name=value} pairs)
 */
public record ResultKey(UUID poolKey, String user, String settings, String sql) {

    /** A rough size in bytes, for the node-wide bound. */
    int weight() {
        return 64 + 2 * (user.length() + settings.length() + sql.length());
    }
}
