package dev.tollgate.proxy.adapters.in.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side names for named prepared statements in a pool. Clients name statements as they like ("S_1", "P0_1"),
 * and a server connection serves many clients in turn, so the proxy prepares each distinct (query text, parameter
 * types) once per server under one name of its own, {@code tg_<n>}, and rewrites the client's name on Bind and
 * Describe. Two clients preparing the same query share the server's statement.
 */
public final class StatementNames {
    private final Map<String, String> byDefinition = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** The server name for the definition part of a Parse: the query text and parameter types, as sent. */
    public String nameFor(ByteBuf definition) {
        String key = ByteBufUtil.hexDump(definition);
        return byDefinition.computeIfAbsent(key, k -> "tg_" + sequence.incrementAndGet());
    }
}
