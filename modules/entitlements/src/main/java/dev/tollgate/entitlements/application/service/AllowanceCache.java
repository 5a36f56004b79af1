package dev.tollgate.entitlements.application.service;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * (ADR 0027). A hit costs one lookup and a read of the clock. Each entry is answered until its
 * {@link RememberedAllowance#validUntil()} (a variable expiry, so that an entry never outlives its usage period or
 * entitlement) and, from its {@link RememberedAllowance#reloadFrom()}, reloaded in the background while it is still
 * answered (refresh-ahead; one reload at a time); a failed reload keeps answering it. Concurrent misses of one entry
 * share one load, run by the first caller on its own thread. What was read before a {@code forget} is never remembered
 * after it: forgetting removes the loads and reloads under way too.
 *
 * @param <S> what a load needs to know about the customer besides its id (a workspace)
 */
final class AllowanceCache<S> {
    /** Room for the scale checks are sized for (issue 5): 10,000 customers with 50 features each. */
    static final long MAXIMUM_SIZE = 500_000;

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
                .expireAfter(new UntilValid<S>())
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
            if (remembered.dueAt(clock.instant())) {
                cache.synchronous().refresh(key); // in the background; a reload under way is not started again
            }
            return remembered.allowance();
        }
        if (known == null) {
            CompletableFuture<Held<S>> mine = new CompletableFuture<>();
            known = cache.get(key, (k, executor) -> mine);
            if (known == mine) {
                // Loaded here, on the caller's thread; the future is in the cache meanwhile, so a forget removes it.
                try {
                    mine.complete(new Held<>(source, loader.load(source, featureKey, clock.instant())));
                } catch (Throwable t) {
                    mine.completeExceptionally(t);
                    throw t;
                }
            }
        }
        try {
            return known.join().remembered().allowance();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Forgets everything about a customer (their entitlements changed). */
    void forget(String customer) {
        cache.asMap().keySet().removeIf(key -> key.customer().equals(customer));
    }

    /** Forgets one feature of a customer (its usage changed). */
    void forget(String customer, String featureKey) {
        cache.synchronous().invalidate(new Key(customer, featureKey));
    }

    /** Entries held (some may have expired but not been cleaned up yet). */
    long size() {
        return cache.synchronous().estimatedSize();
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

    /** Each entry lives until its own validUntil, on the ticker's scale (epoch nanoseconds of the application clock). */
    private static final class UntilValid<S> implements Expiry<Key, Held<S>> {
        @Override
        public long expireAfterCreate(Key key, Held<S> held, long currentTime) {
            return Math.max(0, ClockTicker.epochNanos(held.remembered().validUntil()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(Key key, Held<S> held, long currentTime, long currentDuration) {
            return expireAfterCreate(key, held, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Held<S> held, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
