package dev.tollgate.proxy.adapters.in.pgwire.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.QueryShape;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's query result cache (ADR 0059): one Caffeine cache for every database, bounded by the bytes it holds
 * (replies and keys weighed), each entry living for its database's ttl plus stale-while-revalidate window on the
 * application clock; each database holds at most its {@code max_entries}. Shared by every event loop.
 */
@Singleton
public final class ResultCache {
    private final Clock clock;
    private final int maxReplyBytes;
    private final Cache<ResultKey, CachedReply> replies;
    /** How many entries each database (pool key) holds now: its max_entries is checked before storing. */
    private final ConcurrentHashMap<UUID, AtomicInteger> entries = new ConcurrentHashMap<>();

    public ResultCache(Clock clock, @Value("${tollgate.proxy.cache.max-bytes:67108864}") long maxBytes,
                       @Value("${tollgate.proxy.cache.max-reply-bytes:1048576}") int maxReplyBytes) {
        this.clock = clock;
        this.maxReplyBytes = maxReplyBytes;
        this.replies = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((ResultKey key, CachedReply reply) -> key.weight() + reply.bytes().length)
                .expireAfter(new Expiry<ResultKey, CachedReply>() {
                    @Override
                    public long expireAfterCreate(ResultKey key, CachedReply reply, long now) {
                        return TimeUnit.MILLISECONDS.toNanos(reply.ttlMillis() + reply.swrMillis());
                    }

                    @Override
                    public long expireAfterUpdate(ResultKey key, CachedReply reply, long now, long current) {
                        return expireAfterCreate(key, reply, now);
                    }

                    @Override
                    public long expireAfterRead(ResultKey key, CachedReply reply, long now, long current) {
                        return current;
                    }
                })
                // On the application clock, so that expiry follows it (tests move it); removals are counted at once.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .removalListener((ResultKey key, CachedReply reply, RemovalCause cause) -> {
                    if (key != null && cause != RemovalCause.REPLACED) {
                        AtomicInteger held = entries.get(key.poolKey());
                        if (held != null) {
                            held.decrementAndGet();
                        }
                    }
                })
                .build();
    }

    /** Whether a database with {@code config} has its query results cached. */
    public static boolean enabled(CacheConfig config) {
        return config.enabled() && config.ttlSeconds() > 0 && config.maxEntries() > 0;
    }

    /** The largest reply stored: a larger one is relayed, not kept. */
    public int maxReplyBytes() {
        return maxReplyBytes;
    }

    /**
     * The reply to serve for {@code key}: a fresh one, or a stale one within its window while another client refreshes
     * it. Null when the caller must ask the server (and store what it answers): nothing stored, expired, or stale with
     * no refresh under way, in which case the caller is now the one refresh of this entry until it stores or
     * {@link #abandon abandons} it.
     */
    public CachedReply find(ResultKey key) {
        CachedReply reply = replies.getIfPresent(key);
        if (reply == null) {
            return null;
        }
        long now = clock.millis();
        if (reply.freshAt(now)) {
            return reply;
        }
        if (!reply.servableAt(now) || reply.refreshing().compareAndSet(false, true)) {
            return null;
        }
        return reply;
    }

    /** Stores a complete reply of {@code rows} rows, unless it is too large or the database holds its max_entries. */
    public void store(ResultKey key, byte[] bytes, long rows, CacheConfig config) {
        store(key, bytes, rows, null, config);
    }

    /** The same, with the query's shape kept beside the reply ({@link CachedReply#shape}). */
    public void store(ResultKey key, byte[] bytes, long rows, QueryShape shape, CacheConfig config) {
        if (bytes.length > maxReplyBytes || !enabled(config)) {
            return;
        }
        AtomicInteger held = entries.computeIfAbsent(key.poolKey(), k -> new AtomicInteger());
        boolean replacing = replies.getIfPresent(key) != null;
        if (!replacing && held.get() >= config.maxEntries()) {
            return;
        }
        CachedReply reply = new CachedReply(bytes, rows, shape, clock.millis(), config.ttlSeconds() * 1000L, config.swrSeconds() * 1000L);
        if (replies.asMap().put(key, reply) == null) {
            held.incrementAndGet();
        }
    }

    /** The refresh of {@code key} ended without a reply to store (an error, a notice, the client left): another may try. */
    public void abandon(ResultKey key) {
        CachedReply reply = replies.getIfPresent(key);
        if (reply != null) {
            reply.refreshing().set(false);
        }
    }

    /** How many entries the database of {@code poolKey} holds on this node. */
    public int entries(UUID poolKey) {
        replies.cleanUp();
        AtomicInteger held = entries.get(poolKey);
        return held == null ? 0 : held.get();
    }
}
