package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeBook;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeCounters;
import dev.tollgate.proxy.domain.QueryShape;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The SQL text and query shape of a client's statements (ADR 0052, 0057), found once per message: the result cache,
 * read routing and insights all judge the same Query or Parse, and the text is decoded and normalized for the first of
 * them only (the last message looked at is remembered). For insights, each extended-protocol execution is booked to its
 * statement's shape: found once per Parse and kept with the statement; a Bind hands it to its portal, an Execute reads
 * it from its portal. Unnamed statements and portals, the common case, are fields; reading their empty names costs no
 * allocation. Without a book (the node keeps no insights) nothing is booked.
 */
final class StatementShapes {
    /** Named portals live until their transaction ends, which this class does not see: beyond this many they are forgotten. */
    private static final int MAX_NAMED_PORTALS = 256;

    private final ShapeBook book;
    private final IntSupplier maxShapes;
    private final Map<String, ShapeCounters> statements = new HashMap<>();
    private final Map<String, ShapeCounters> portals = new HashMap<>();
    private ShapeCounters unnamedStatement;
    private ShapeCounters unnamedPortal;
    /**
     * The message whose text and shape were last found, while it is being handled: a message is looked up by identity
     * only between its read and its release (see {@link #reading}), so a recycled buffer never matches.
     */
    private ByteBuf looked;
    private String lookedSql;
    private QueryShape lookedShape;

    /** {@code book}: where executions are booked, null for none; {@code maxShapes}: the tier's bound on tracked shapes. */
    StatementShapes(ShapeBook book, IntSupplier maxShapes) {
        this.book = book;
        this.maxShapes = maxShapes;
    }

    /** A message was read from the client: what was remembered belongs to an earlier one. */
    void reading() {
        looked = null;
        lookedSql = null;
        lookedShape = null;
    }

    /** The SQL of a Query, or of a Parse of the unnamed statement; null for anything else. */
    String sqlOf(ByteBuf message) {
        if (message == looked) {
            return lookedSql;
        }
        int at = message.readerIndex();
        byte type = message.getByte(at);
        String sql = type == 'Q' ? PgWire.cStringAt(message, at + 5)
                : type == 'P' && message.getByte(at + 5) == 0 ? PgWire.cStringAt(message, at + 6)
                : null;
        looked = message;
        lookedSql = sql;
        lookedShape = null;
        return sql;
    }

    /** The shape of {@link #sqlOf}'s text (null where that is null). */
    QueryShape shapeOf(ByteBuf message) {
        String sql = sqlOf(message);
        if (sql != null && lookedShape == null) {
            lookedShape = shapeOfSql(sql);
        }
        return lookedShape;
    }

    /** The counters of a simple-protocol Query's shape; null without insights. */
    ShapeCounters query(ByteBuf query) {
        return book == null ? null : counters(shapeOf(query));
    }

    /** The counters {@code shape}'s calls are booked to; null without insights. */
    ShapeCounters counters(QueryShape shape) {
        return book == null ? null : book.counters(shape, maxShapes.getAsInt());
    }

    void parse(ByteBuf parse) {
        if (book == null) {
            return;
        }
        int body = parse.readerIndex() + 5;
        if (PgWire.byteAt(parse, body) == 0) {
            unnamedStatement = counters(shapeOf(parse));
        } else {
            String name = PgWire.cStringAt(parse, body);
            statements.put(name, counters(shapeOfSql(PgWire.cStringAt(parse, PgWire.afterCString(parse, body)))));
        }
    }

    void bind(ByteBuf bind) {
        if (book == null) {
            return;
        }
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

    /** The shape of the portal an Execute runs; null when unknown (its statement was never seen) or without insights. */
    ShapeCounters execute(ByteBuf execute) {
        if (book == null) {
            return null;
        }
        int body = execute.readerIndex() + 5;
        return PgWire.byteAt(execute, body) == 0 ? unnamedPortal : portals.get(PgWire.cStringAt(execute, body));
    }

    void close(ByteBuf close) {
        if (book == null) {
            return;
        }
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

    /** Through the node's cache of known texts when there is a book; normalized here otherwise. */
    private QueryShape shapeOfSql(String sql) {
        return book != null ? book.shapeOf(sql) : QueryShape.of(sql);
    }
}
