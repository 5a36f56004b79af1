package dev.tollgate.entitlements.application.service;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.RememberedAllowance;
import dev.tollgate.platform.time.ClockTicker;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Feature allowances answered from memory, per customer and feature: a bounded Caffeine cache on the application clock
 * (ADR 0027). Entries expire {@link RememberedAllowance#CONFIGURED_FRESHNESS} after they were written, the longest any
 * allowance may be answered; an entry that ends earlier (metered usage after a second, the end of a usage period or of
 * an entitlement) is not answered past its {@link RememberedAllowance#validUntil()}, and from its
 * {@link RememberedAllowance#reloadFrom()} it is reloaded in the background while it is still answered (refresh-ahead;
 * one reload at a time); a failed reload keeps answering it. Concurrent misses of one entry share one load, run by the
 * first caller on its own thread. What was read before a {@code forget} is never remembered after it: forgetting
 * removes the loads and reloads under way too.
 *
 * <p>A hit costs one lookup and a read of the clock. The per-entry end is checked here rather than given to Caffeine as
 * a variable expiry: with one, Caffeine records every read, and the check costs several times as much (measured in
 * docs/perf/entitlements.md, "Caffeine caches (issue 14)").
 *
 * @param <S> what a load needs to know about the customer besides its id (a workspace)
 */
final class AllowanceCache<S> {
    /**
     * Twice the scale checks are sized for (issue 5: 10,000 customers with 50 features each, 500,000 entries): below
     * half its bound Caffeine does not record reads for its eviction policy yet, so a hit costs a map lookup.
     */
    static final long MAXIMUM_SIZE = 1 << 20;

    /** Reads one feature of a customer at {@code now}. */
    interface Loader<S> {
        RememberedAllowance load(S source, String featureKey, Instant now);
    }

    private record Key(String customer, String feature) {
    }

    /** A remembered allowance, and what its reloads need. */
    private record Held<S>(S source, RememberedAllowance remembered) {
    }

    private final AsyncLoadingCache<Key, Held<S>> cache;
    private final Loader<S> loader;
    private final Clock clock;

    /** {@code executor} runs the background reloads. */
    AllowanceCache(Loader<S> loader, Clock clock, Executor executor) {
        this.loader = loader;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_SIZE)
                .expireAfterWrite(RememberedAllowance.CONFIGURED_FRESHNESS)
                .ticker(new ClockTicker(clock))
                .executor(executor)
                .buildAsync(new Reloads());
    }

    /** The allowance of {@code featureKey} for {@code customer} (whose loads need {@code source}). */
    FeatureAllowance get(String customer, S source, String featureKey) {
        Key key = new Key(customer, featureKey);
        CompletableFuture<Held<S>> known = cache.getIfPresent(key);
        if (known != null && known.isDone() && !known.isCompletedExceptionally()) {
            RememberedAllowance remembered = known.join().remembered();
            long now = clock.millis();
            if (remembered.validAt(now)) {
                if (remembered.dueAt(now)) {
                    cache.synchronous().refresh(key); // in the background; a reload under way is not started again
                }
                return remembered.allowance();
            }
            cache.asMap().remove(key, known); // past its end: loaded again
            known = null;
        }
        if (known == null) {
            CompletableFuture<Held<S>> mine = new CompletableFuture<>();
            known = cache.get(key, (k, executor) -> mine);
            if (known == mine) {
                return load(key, source, mine);
            }
        }
        try {
            return known.join().remembered().allowance();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Loads on the caller's thread; the future is in the cache meanwhile, so a forget removes it. */
    private FeatureAllowance load(Key key, S source, CompletableFuture<Held<S>> mine) {
        RememberedAllowance loaded;
        try {
            Instant now = clock.instant();
            loaded = loader.load(source, key.feature(), now);
            mine.complete(new Held<>(source, loaded));
            if (!loaded.validAt(now.toEpochMilli())) {
                cache.asMap().remove(key, mine); // answered to who asked meanwhile, not remembered
            }
        } catch (Throwable t) {
            mine.completeExceptionally(t);
            throw t;
        }
        return loaded.allowance();
    }

    /** Forgets everything about a customer (their entitlements changed). */
    void forget(String customer) {
        cache.asMap().keySet().removeIf(key -> key.customer().equals(customer));
    }

    /** Forgets one feature of a customer (its usage changed). */
    void forget(String customer, String featureKey) {
        cache.synchronous().invalidate(new Key(customer, featureKey));
    }

    /** Reloads an entry that is due, in the background. */
    private final class Reloads implements AsyncCacheLoader<Key, Held<S>> {
        @Override
        public CompletableFuture<Held<S>> asyncLoad(Key key, Executor executor) {
            // Loads go through get(), which knows the source; only a refresh racing a forget gets here: nothing to keep.
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Held<S>> asyncReload(Key key, Held<S> old, Executor executor) {
            return CompletableFuture.supplyAsync(() -> new Held<>(old.source(), loader.load(old.source(), key.feature(), clock.instant())),
                    executor);
        }
    }
}
