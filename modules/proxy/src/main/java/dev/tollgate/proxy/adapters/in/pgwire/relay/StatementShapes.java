package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeCounters;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Which query shape each of a client's extended-protocol executions belongs to (ADR 0057): the shape is found once per
 * Parse (its SQL text normalized, or taken from the node's cache) and kept with the statement; a Bind hands it to its
 * portal, an Execute reads it from its portal. Unnamed statements and portals, the common case, are fields; reading
 * their empty names costs no allocation.
 */
final class StatementShapes {
    /** Named portals live until their transaction ends, which this class does not see: beyond this many they are forgotten. */
    private static final int MAX_NAMED_PORTALS = 256;

    private final Function<String, ShapeCounters> shapeOfSql;
    private final Map<String, ShapeCounters> statements = new HashMap<>();
    private final Map<String, ShapeCounters> portals = new HashMap<>();
    private ShapeCounters unnamedStatement;
    private ShapeCounters unnamedPortal;

    StatementShapes(Function<String, ShapeCounters> shapeOfSql) {
        this.shapeOfSql = shapeOfSql;
    }

    /** The shape of a simple-protocol Query's text. */
    ShapeCounters query(ByteBuf query) {
        return shapeOfSql.apply(PgWire.cStringAt(query, query.readerIndex() + 5));
    }

    void parse(ByteBuf parse) {
        int body = parse.readerIndex() + 5;
        if (PgWire.byteAt(parse, body) == 0) {
            unnamedStatement = shapeOfSql.apply(PgWire.cStringAt(parse, body + 1));
        } else {
            String name = PgWire.cStringAt(parse, body);
            statements.put(name, shapeOfSql.apply(PgWire.cStringAt(parse, PgWire.afterCString(parse, body))));
        }
    }

    void bind(ByteBuf bind) {
        int body = bind.readerIndex() + 5;
        int statementAt = PgWire.afterCString(bind, body);
        ShapeCounters shape = PgWire.byteAt(bind, statementAt) == 0 ? unnamedStatement : statements.get(PgWire.cStringAt(bind, statementAt));
        if (PgWire.byteAt(bind, body) == 0) {
            unnamedPortal = shape;
        } else {
            if (portals.size() >= MAX_NAMED_PORTALS) {
                portals.clear();
            }
            portals.put(PgWire.cStringAt(bind, body), shape);
        }
    }

    /** The shape of the portal an Execute runs; null when unknown (its statement was never seen). */
    ShapeCounters execute(ByteBuf execute) {
        int body = execute.readerIndex() + 5;
        return PgWire.byteAt(execute, body) == 0 ? unnamedPortal : portals.get(PgWire.cStringAt(execute, body));
    }

    void close(ByteBuf close) {
        int body = close.readerIndex() + 5;
        byte what = PgWire.byteAt(close, body);
        boolean unnamed = PgWire.byteAt(close, body + 1) == 0;
        if (what == 'S') {
            if (unnamed) {
                unnamedStatement = null;
            } else {
                statements.remove(PgWire.cStringAt(close, body + 1));
            }
        } else if (unnamed) {
            unnamedPortal = null;
        } else {
            portals.remove(PgWire.cStringAt(close, body + 1));
        }
    }
}
