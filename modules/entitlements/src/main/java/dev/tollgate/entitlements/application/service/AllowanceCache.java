package dev.tollgate.entitlements.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.RememberedAllowance;
import dev.tollgate.platform.time.ClockTicker;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Feature allowances answered from memory, per customer and feature: a bounded Caffeine cache on the application clock
 * (ADR 0027). Entries expire {@link RememberedAllowance#CONFIGURED_FRESHNESS} after they were written, the longest any
 * allowance may be answered; an entry that ends earlier (metered usage after a second, the end of a usage period or of
 * an entitlement) is not answered past its {@link RememberedAllowance#validUntil()}, and from its
 * {@link RememberedAllowance#reloadFrom()} it is reloaded in the background while it is still answered (refresh-ahead;
 * one reload at a time); a failed reload keeps answering it. Concurrent misses of one entry share one load, run by the
 * first caller on its own thread. What was read before a {@code forget} is never remembered after it: forgetting
 * drops the loads and reloads under way too.
 *
 * <p>A hit is one synchronous Caffeine lookup (a map lookup and a read of the clock, for the fixed expiry) and one
 * more read of the clock's milliseconds for the entry's own end and reload instant: no future, no allocation but the
 * key's. The per-entry end is checked here rather than given to Caffeine as a variable expiry, with which Caffeine
 * records every read; loads and reloads are kept out of the cache, in a small map of those under way, rather than
 * being Caffeine's ({@code AsyncCache} values are futures, one more object to reach on every hit, and
 * {@code refreshAfterWrite} makes Caffeine record every read too). Measured in docs/perf/entitlements.md, "Caffeine
 * caches (issue 14)".
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

    /** A customer and feature; built on every check, so its hash is computed once, in the constructor. */
    static final class Key {
        final String customer;
        final String feature;
        private final int hash;

        Key(String customer, String feature) {
            this.customer = customer;
            this.feature = feature;
            this.hash = 31 * customer.hashCode() + feature.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && customer.equals(k.customer) && feature.equals(k.feature);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return customer + "/" + feature;
        }
    }

    /**
     * What the cache holds: a {@link RememberedAllowance} laid out flat (one object to reach on a hit, besides the
     * allowance itself), and the source its reloads need. Immutable; a reload replaces it.
     */
    private static final class Held<S> {
        final FeatureAllowance allowance;
        final long reloadFrom;
        final long validUntil;
        final S source;

        Held(RememberedAllowance remembered, S source) {
            this.allowance = remembered.allowance();
            this.reloadFrom = remembered.reloadFrom();
            this.validUntil = remembered.validUntil();
            this.source = source;
        }
    }

    private final Cache<Key, Held<S>> cache;
    /**
     * The loads of misses under way, by key: a miss joins the one there, and a load stores what it read only if it is
     * still there (a forget removes it). Holds only what is being read.
     */
    private final ConcurrentHashMap<Key, CompletableFuture<Held<S>>> loading = new ConcurrentHashMap<>();
    /** The keys being reloaded in the background: one reload at a time. */
    private final Set<Key> reloading = ConcurrentHashMap.newKeySet();
    private final Loader<S> loader;
    private final Clock clock;
    private final Executor reloads;

    /** {@code executor} runs the background reloads. */
    AllowanceCache(Loader<S> loader, Clock clock, Executor executor) {
        this.loader = loader;
        this.clock = clock;
        this.reloads = executor;
        // No initialCapacity: with a maximum size, Caffeine sizes its frequency sketch for it at once, and from then on
        // records every read (as if the cache were half full), which costs a hit several times its lookup.
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_SIZE)
                .expireAfterWrite(RememberedAllowance.CONFIGURED_FRESHNESS)
                .ticker(new ClockTicker(clock))
                .build();
    }

    /** The allowance of {@code featureKey} for {@code customer} (whose loads need {@code source}). */
    FeatureAllowance get(String customer, S source, String featureKey) {
        Key key = new Key(customer, featureKey);
        Held<S> held = cache.getIfPresent(key);
        if (held != null) {
            long now = clock.millis();
            if (now < held.reloadFrom) {
                return held.allowance;
            }
            if (now < held.validUntil) {
                reload(key, held); // in the background; a reload under way is not started again
                return held.allowance;
            }
            cache.asMap().remove(key, held); // past its end: loaded again
        }
        return load(key, source);
    }

    /** A miss: joins the load under way, or loads on the caller's thread. */
    private FeatureAllowance load(Key key, S source) {
        CompletableFuture<Held<S>> mine = new CompletableFuture<>();
        CompletableFuture<Held<S>> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join().allowance;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        Held<S> loaded;
        try {
            Instant now = clock.instant();
            RememberedAllowance remembered = loader.load(source, key.feature, now);
            loaded = new Held<>(remembered, source);
            boolean keep = remembered.validAt(now.toEpochMilli());
            loading.computeIfPresent(key, (k, current) -> {
                if (current != mine) {
                    return current;
                }
                if (keep) {
                    cache.put(k, loaded); // under the key's lock in loading: a forget of it waits, then removes it
                }
                return null;
            });
        } catch (Throwable t) {
            loading.remove(key, mine);
            mine.completeExceptionally(t);
            throw t;
        }
        mine.complete(loaded);
        return loaded.allowance;
    }

    /**
     * Reloads a due entry in the background, unless a reload of it is under way. What it reads replaces the entry only
     * if the entry is still the one it reloads: after a forget (or a load that replaced it) it is dropped. A failed
     * reload keeps the entry, answered until its end.
     */
    private void reload(Key key, Held<S> held) {
        if (!reloading.add(key)) {
            return;
        }
        try {
            reloads.execute(() -> {
                try {
                    Instant now = clock.instant();
                    RememberedAllowance remembered = loader.load(held.source, key.feature, now);
                    if (remembered.validAt(now.toEpochMilli())) {
                        cache.asMap().replace(key, held, new Held<>(remembered, held.source));
                    } else {
                        cache.asMap().remove(key, held); // not to be remembered any more: the next check loads it
                    }
                } catch (RuntimeException e) {
                    // still answered until its end
                } finally {
                    reloading.remove(key);
                }
            });
        } catch (RuntimeException e) {
            reloading.remove(key); // the executor refused it (shutting down): a later hit tries again
        }
    }

    /** Forgets everything about a customer (their entitlements changed). */
    void forget(String customer) {
        for (Key key : loading.keySet()) {
            if (key.customer.equals(customer)) {
                forget(key);
            }
        }
        cache.asMap().keySet().removeIf(key -> key.customer.equals(customer));
    }

    /** Forgets one feature of a customer (its usage changed). */
    void forget(String customer, String featureKey) {
        forget(new Key(customer, featureKey));
    }

    /** Drops the key's load under way (it will not store what it read), then the entry (a reload will not replace it). */
    private void forget(Key key) {
        loading.computeIfPresent(key, (k, running) -> {
            cache.invalidate(k);
            return null;
        });
        cache.invalidate(key);
    }
}
