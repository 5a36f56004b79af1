package dev.tollgate.proxy.adapters.in.pgwire.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.proxy.domain.QueryShape;

/**
 * The shapes of recently seen SQL texts, shared by every project of the node: a client that sends the same text again
 * (an unnamed Parse per execution, a parameterless simple query in a loop) gets its shape without normalizing and
 * hashing it again. Only texts in which no literal became a placeholder are kept: a text with its literals inline
 * (pgbench's simple protocol, most hand-built SQL) rarely comes back verbatim, and writing each one into the cache
 * cost more than normalizing it (a cache write, its eviction and the garbage, measured in docs/perf/proxy.md).
 */
public final class QueryShapeCache {
    private final Cache<String, QueryShape> shapes;

    public QueryShapeCache(int maximumSize) {
        this.shapes = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public QueryShape shapeOf(String sql) {
        QueryShape known = shapes.getIfPresent(sql);
        if (known != null) {
            return known;
        }
        QueryShape shape = QueryShape.of(sql);
        if (dollars(shape.text()) <= dollars(sql)) { // no literal replaced: only the client's own $n, if any
            shapes.put(sql, shape);
        }
        return shape;
    }

    private static int dollars(String text) {
        int n = 0;
        for (int i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
            n++;
        }
        return n;
    }
}
