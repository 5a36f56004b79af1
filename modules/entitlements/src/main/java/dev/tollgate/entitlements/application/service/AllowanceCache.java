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
 * Feature allowances answered from memory: a bounded Caffeine cache of customers on the application clock (ADR 0027),
 * each holding its features' allowances. An allowance is not answered past its {@link RememberedAllowance#validUntil()}
 * (metered usage after a second, the end of a usage period or of an entitlement), and from its
 * {@link RememberedAllowance#reloadFrom()} it is reloaded in the background while it is still answered (refresh-ahead;
 * one reload at a time); a failed reload keeps answering it. A customer leaves the cache
 * {@link RememberedAllowance#CONFIGURED_FRESHNESS} after the last load of any of its features (an active customer's
 * features keep reloading, so it stays), or when the bound evicts it. Concurrent misses of one feature share one load,
 * run by the first caller on its own thread. What was read before a {@code forget} is never remembered after it:
 * forgetting drops the loads and reloads under way too.
 *
 * <p>Why customers, not (customer, feature) entries: a hit costs what its memory reads cost. Keyed by customer, the
 * cache holds ~10,000 entries that stay in the CPU's caches, and the feature is one lookup in the customer's small
 * map; keyed flat, 500,000 entries made every hit wait on memory (half the speed; docs/perf/entitlements.md,
 * "Caffeine caches (issue 14)"). The per-feature end is checked here rather than given to Caffeine as a variable
 * expiry, with which Caffeine records every read.
 *
 * @param <S> what a load needs to know about the customer besides its id (a workspace)
 */
final class AllowanceCache<S> {
    /**
     * Customers held at most. Below half its bound Caffeine does not record reads for its eviction policy yet, so a hit
     * stays a lookup at the scale checks are sized for (issue 5: 10,000 customers with 50 features each).
     */
    static final long MAXIMUM_CUSTOMERS = 1 << 16;

    /** Reads one feature of a customer at {@code now}. */
    interface Loader<S> {
        RememberedAllowance load(S source, String featureKey, Instant now);
    }

    /** A customer and feature, naming a load or reload under way. */
    record Key(String customer, String feature) {
    }

    /** What is held of one feature: a {@link RememberedAllowance} laid out flat, and the source its reloads need. */
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

    /** One customer's features. Replaced whole by a forget of the customer, so loads into a forgotten one are lost. */
    private static final class Features<S> {
        final ConcurrentHashMap<String, Held<S>> byKey = new ConcurrentHashMap<>();
    }

    private final Cache<String, Features<S>> customers;
    /**
     * The loads of misses under way: a miss joins the one there, and a load stores what it read only if it is still
     * there (a forget removes it). Holds only what is being read.
     */
    private final ConcurrentHashMap<Key, CompletableFuture<Held<S>>> loading = new ConcurrentHashMap<>();
    /** The features being reloaded in the background: one reload at a time. */
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
        this.customers = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_CUSTOMERS)
                .expireAfterWrite(RememberedAllowance.CONFIGURED_FRESHNESS)
                .ticker(new ClockTicker(clock))
                .build();
    }

    /** The allowance of {@code featureKey} for {@code customer} (whose loads need {@code source}). */
    FeatureAllowance get(String customer, S source, String featureKey) {
        Features<S> features = customers.getIfPresent(customer);
        if (features != null) {
            Held<S> held = features.byKey.get(featureKey);
            if (held != null) {
                long now = clock.millis();
                if (now < held.reloadFrom) {
                    return held.allowance;
                }
                if (now < held.validUntil) {
                    reload(customer, featureKey, features, held); // in the background; one at a time
                    return held.allowance;
                }
                features.byKey.remove(featureKey, held); // past its end: loaded again
            }
        }
        return load(new Key(customer, featureKey), source);
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
            RememberedAllowance remembered = loader.load(source, key.feature(), now);
            loaded = new Held<>(remembered, source);
            boolean keep = remembered.validAt(now.toEpochMilli());
            loading.computeIfPresent(key, (k, current) -> {
                if (current != mine) {
                    return current;
                }
                if (keep) { // under the key's lock in loading: a forget of it waits, then removes what this stores
                    Features<S> features = customers.get(k.customer(), c -> new Features<>());
                    features.byKey.put(k.feature(), loaded);
                    customers.asMap().replace(k.customer(), features, features); // written now: its freshness restarts
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
     * Reloads a due feature in the background, unless a reload of it is under way. What it reads replaces the feature
     * only if it is still the one it reloads, in a customer still held: after a forget (or a load that replaced it) it
     * is dropped. A failed reload keeps the feature, answered until its end.
     */
    private void reload(String customer, String featureKey, Features<S> features, Held<S> held) {
        Key key = new Key(customer, featureKey);
        if (!reloading.add(key)) {
            return;
        }
        try {
            reloads.execute(() -> {
                try {
                    Instant now = clock.instant();
                    RememberedAllowance remembered = loader.load(held.source, featureKey, now);
                    if (remembered.validAt(now.toEpochMilli())) {
                        if (features.byKey.replace(featureKey, held, new Held<>(remembered, held.source))) {
                            customers.asMap().replace(customer, features, features); // still held: written now
                        }
                    } else {
                        features.byKey.remove(featureKey, held); // not to be remembered any more: the next check loads it
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
            if (key.customer().equals(customer)) {
                loading.computeIfPresent(key, (k, running) -> null);
            }
        }
        customers.invalidate(customer);
    }

    /** Forgets one feature of a customer (its usage changed). */
    void forget(String customer, String featureKey) {
        Key key = new Key(customer, featureKey);
        loading.computeIfPresent(key, (k, running) -> {
            dropFeature(customer, featureKey);
            return null;
        });
        dropFeature(customer, featureKey);
    }

    private void dropFeature(String customer, String featureKey) {
        Features<S> features = customers.getIfPresent(customer);
        if (features != null) {
            features.byKey.remove(featureKey);
        }
    }
}
