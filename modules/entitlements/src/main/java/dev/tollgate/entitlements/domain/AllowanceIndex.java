package dev.tollgate.entitlements.domain;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feature allowances held in memory, per customer and feature: a check answered from here costs two hash lookups and
 * some arithmetic (benchmarked in bench/entitlements). Each entry may be answered until {@code validUntil} and should
 * be reloaded from {@code refreshAfter}, so that under steady traffic one caller reloads it while the others are still
 * answered. Safe for concurrent use; an entry past its time is a miss.
 */
public final class AllowanceIndex {
    /** An allowance with the epoch milliseconds from which it should be reloaded and until which it may be answered. */
    public record Entry(FeatureAllowance allowance, long refreshAfter, long validUntil) {
        public boolean staleAt(long nowMillis) {
            return nowMillis >= refreshAfter;
        }
    }

    /**
     * One customer's entries, and the loads of them under way. Forgetting the customer drops the whole slot, so a load
     * that began before (holding the old slot) stores into nothing and nobody joins it any more; forgetting a feature
     * bumps the slot's version, so a load of it that began before stores nothing either. A change can therefore never
     * be overwritten by what was read before it.
     */
    public static final class Slot {
        private final Map<String, Entry> features = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<FeatureAllowance>> loading = new ConcurrentHashMap<>();
        private long version;

        /** Taken before reading, for {@link #putIfCurrent}. */
        public synchronized long version() {
            return version;
        }

        /** Stores what was read, unless the feature was forgotten since {@code readAtVersion}. */
        public synchronized void putIfCurrent(String feature, FeatureAllowance allowance, long refreshAfterMillis, long validUntilMillis,
                                              long readAtVersion) {
            if (version == readAtVersion) {
                features.put(feature, new Entry(allowance, Math.min(refreshAfterMillis, validUntilMillis), validUntilMillis));
            }
        }

        /** The load of {@code feature} under way, or {@code mine} when none was (the caller then loads). */
        public CompletableFuture<FeatureAllowance> loadUnderWay(String feature, CompletableFuture<FeatureAllowance> mine) {
            CompletableFuture<FeatureAllowance> running = loading.putIfAbsent(feature, mine);
            return running == null ? mine : running;
        }

        public void loadDone(String feature, CompletableFuture<FeatureAllowance> mine) {
            loading.remove(feature, mine);
        }

        synchronized void forget(String feature) {
            version++;
            features.remove(feature);
            loading.remove(feature);
        }
    }

    private final Map<String, Slot> byCustomer = new ConcurrentHashMap<>();

    /** The remembered entry, or null when there is none or it is out of date at {@code nowMillis}. */
    public Entry find(String customer, String feature, long nowMillis) {
        Slot slot = byCustomer.get(customer);
        Entry entry = slot == null ? null : slot.features.get(feature);
        return entry == null || nowMillis >= entry.validUntil() ? null : entry;
    }

    /** The customer's slot, where what is about to be loaded for them goes: take it before reading. */
    public Slot slot(String customer) {
        return byCustomer.computeIfAbsent(customer, c -> new Slot());
    }

    /** Forgets one feature of a customer (its usage changed). */
    public void forget(String customer, String feature) {
        Slot slot = byCustomer.get(customer);
        if (slot != null) {
            slot.forget(feature);
        }
    }

    /** Forgets everything about a customer (their entitlements changed). */
    public void forget(String customer) {
        byCustomer.remove(customer);
    }

    public int customers() {
        return byCustomer.size();
    }
}
