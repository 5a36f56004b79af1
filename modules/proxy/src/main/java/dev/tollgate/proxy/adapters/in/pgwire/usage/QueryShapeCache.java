package dev.tollgate.proxy.adapters.in.pgwire.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.proxy.domain.QueryShape;

/**
 * The shapes of recently seen SQL texts, shared by every project of the node: a client that sends the same text again
 * (a simple query in a loop, an unnamed Parse per execution) gets its shape without normalizing and hashing it again.
 * Bounded: texts with their literals inline are each a new key, and Caffeine keeps the ones that come back.
 */
public final class QueryShapeCache {
    private final Cache<String, QueryShape> shapes;

    public QueryShapeCache(int maximumSize) {
        this.shapes = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public QueryShape shapeOf(String sql) {
        return shapes.get(sql, QueryShape::of);
    }
}
