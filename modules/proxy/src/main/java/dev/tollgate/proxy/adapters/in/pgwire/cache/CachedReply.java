package dev.tollgate.proxy.adapters.in.pgwire.cache;

import dev.tollgate.proxy.domain.QueryShape;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query's reply as the server sent it (RowDescription, DataRows, CommandComplete, without the ReadyForQuery), when
 * it was stored and for how long it serves: fresh for {@code ttlMillis}, then stale for {@code swrMillis} while one
 * client refreshes it.
 *
 * @param rows the rows its CommandComplete counted (for the shape's insights)
 * @param shape the query's shape, found when the reply was captured (null: unknown), so that a hit books its insights
 *              without normalizing the text again
 */
public record CachedReply(byte[] bytes, long rows, QueryShape shape, long storedAtMillis, long ttlMillis, long swrMillis,
                          AtomicBoolean refreshing) {

    CachedReply(byte[] bytes, long rows, QueryShape shape, long storedAtMillis, long ttlMillis, long swrMillis) {
        this(bytes, rows, shape, storedAtMillis, ttlMillis, swrMillis, new AtomicBoolean());
    }

    boolean freshAt(long nowMillis) {
        return nowMillis - storedAtMillis < ttlMillis;
    }

    boolean servableAt(long nowMillis) {
        return nowMillis - storedAtMillis < ttlMillis + swrMillis;
    }
}
