package dev.tollgate.entitlements.domain;

import java.util.Map;
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
     * One customer's entries. Forgetting the customer drops this object, so a load that began before (holding it as
     * its {@link Slot}) stores into nothing: a change cannot be overwritten by what was read before it.
     */
    public static final class Slot {
        private final Map<String, Entry> features = new ConcurrentHashMap<>();

        public void put(String feature, FeatureAllowance allowance, long refreshAfterMillis, long validUntilMillis) {
            features.put(feature, new Entry(allowance, Math.min(refreshAfterMillis, validUntilMillis), validUntilMillis));
        }
    }

    private final Map<String, Slot> byCustomer = new ConcurrentHashMap<>();

    /** The remembered entry, or null when there is none or it is out of date at {@code nowMillis}. */
    public Entry find(String customer, String feature, long nowMillis) {
        Slot slot = byCustomer.get(customer);
        Entry entry = slot == null ? null : slot.features.get(feature);
        return entry == null || nowMillis >= entry.validUntil() ? null : entry;
    }

    /** Where to store what is about to be loaded for {@code customer}: take it before reading. */
    public Slot slot(String customer) {
        return byCustomer.computeIfAbsent(customer, c -> new Slot());
    }

    /** Forgets one feature of a customer (its usage changed). */
    public void forget(String customer, String feature) {
        Slot slot = byCustomer.get(customer);
        if (slot != null) {
            slot.features.remove(feature);
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
