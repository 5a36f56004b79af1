package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.cache.CachedReply;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultCache;
import dev.tollgate.proxy.adapters.in.pgwire.cache.ResultKey;
import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ShapeCounters;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.CacheRule;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.StatementKind;
import io.netty.buffer.ByteBuf;

/**
 * The result cache on the client's side (ADR 0059). A simple-protocol Query read while the client holds no server,
 * outside a transaction, in transaction or statement mode, on a database whose cache is enabled, whose text carries the
 * {@code @pgbeam:cache} annotation and is read-only, is looked up: a hit is answered from the stored reply and
 * ReadyForQuery 'I' without a server; on a miss the Query goes upstream as usual and its reply is captured
 * ({@link ReplyCapture}) to be stored.
 */
final class CachedQueries {
    static final String ANNOTATION = "@pgbeam:cache";
    /** ReadyForQuery, idle: what ends every reply served from the cache (outside a transaction by definition). */
    private static final byte[] READY_FOR_QUERY_IDLE = {'Z', 0, 0, 0, 5, 'I'};

    private final ResultCache cache;
    private final ServerPool pool;
    private final ClientSettings settings;
    private final Flow flow;
    private final PoolStats stats;
    /** The Query whose reply is to be captured when it is forwarded, and what it is stored under. */
    private ByteBuf missed;
    private ResultKey missedKey;
    private CacheConfig missedConfig;
    private QueryShape missedShape;

    CachedQueries(ResultCache cache, ServerPool pool, ClientSettings settings, Flow flow, PoolStats stats) {
        this.cache = cache;
        this.pool = pool;
        this.settings = settings;
        this.flow = flow;
        this.stats = stats;
    }

    /**
     * A Query read between transactions with no server held: true when it was answered from the cache (and released);
     * false when it goes upstream, its reply to be captured if it may be cached.
     */
    boolean answered(ByteBuf query, StatementShapes shapes) {
        missed = null;
        if (cache == null) {
            return false;
        }
        ProxyRoute route = pool.route();
        if (route.poolMode() == PoolMode.SESSION || !ResultCache.enabled(route.cache())) {
            return false;
        }
        String sql = shapes.sqlOf(query);
        CacheConfig config = route.cache();
        if (!sql.contains(ANNOTATION)) {
            // Not annotated: cached only when the database enabled a rule for its shape (ADR 0061), with the rule's TTL/SWR.
            CacheRule rule = route.cacheRules().isEmpty() ? null : route.cacheRules().get(shapes.shapeOf(query).id());
            if (rule == null) {
                return false;
            }
            config = new CacheConfig(true, rule.ttlSeconds() != null ? rule.ttlSeconds() : config.ttlSeconds(), config.maxEntries(),
                    rule.swrSeconds() != null ? rule.swrSeconds() : config.swrSeconds());
            if (!ResultCache.enabled(config)) {
                return false;
            }
        }
        ResultKey key = new ResultKey(route.poolKey(), route.username(), settings.fingerprint(), sql);
        CachedReply reply = cache.find(key);
        if (reply != null) {
            long received = System.nanoTime();
            // The shape stored with the reply: a hit does not normalize its text again.
            ShapeCounters shape = shapes.counters(reply.shape() != null ? reply.shape() : shapes.shapeOf(query));
            query.release();
            // Counted before the reply leaves: a client that reads its answer finds it in the figures.
            long now = System.nanoTime();
            stats.query();
            stats.cacheHit();
            stats.answered(received, received, now);
            if (shape != null) {
                shape.recordHit(now - received, reply.rows(), reply.bytes().length + 6L, now);
            }
            flow.toClient(reply.bytes());
            flow.toClient(READY_FOR_QUERY_IDLE);
            flow.flushClient();
            return true;
        }
        QueryShape shape = shapes.shapeOf(query);
        if (shape.kind() != StatementKind.READ) {
            return false;
        }
        missed = query;
        missedShape = shape;
        stats.cacheMiss();
        missedKey = key;
        missedConfig = config;
        return false;
    }

    /** {@code query} is being sent upstream: the capture of its reply, if it was a cacheable miss, else null. */
    ReplyCapture forwarding(ByteBuf query) {
        if (query != missed) {
            return null;
        }
        missed = null;
        return new ReplyCapture(cache, missedKey, missedShape, missedConfig);
    }
}
