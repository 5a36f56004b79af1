package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.RememberedAllowance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process entitlement check (issue 5: 10,000 customers x 50 features, 20 % metered, p99 <= 5 us): what
 * checkEntitlement does once its answer is in memory, i.e. {@link AllowanceCache#get} (CachedAllowances' Caffeine cache,
 * on the system clock) for a random customer and feature and {@link FeatureAllowance#allows}. In the cache's package,
 * which is package-private. The reference in the same run is the floor any in-memory check pays:
 * one {@link ConcurrentHashMap#get} of a precomputed boolean under a single key.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(2)
public class EntitlementCheckBenchmark {
    @Param("10000")
    int customers;
    @Param("50")
    int features;
    /** Share of features that are metered (limit, usage, soft or hard); the rest are boolean or static. */
    @Param("0.2")
    double meteredShare;

    private AllowanceCache<String> cache;
    private Map<String, Boolean> flat;
    private String[] customerKeys;
    private String[] featureKeys;

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, FeatureAllowance> loaded = new HashMap<>();
        // Answered for a day: the benchmark measures hits, no reload falls due. The cache's own expiry (30 s after a write)
        // would turn the first entries into misses while the run is still measuring, so its clock is the system clock
        // slowed down: every check still pays its reads of the system clock, but time passes 1,000 times slower.
        cache = new AllowanceCache<>((customer, feature, now) -> new RememberedAllowance(loaded.get(customer + "/" + feature),
                now.plus(Duration.ofHours(12)).toEpochMilli(), now.plus(Duration.ofDays(1)).toEpochMilli()), new SlowClock(), Runnable::run);
        flat = new ConcurrentHashMap<>();
        customerKeys = new String[customers];
        featureKeys = new String[features];
        for (int f = 0; f < features; f++) {
            featureKeys[f] = "feature_" + f;
        }
        for (int c = 0; c < customers; c++) {
            customerKeys[c] = "org_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 32);
            for (int f = 0; f < features; f++) {
                FeatureAllowance allowance;
                if (random.nextDouble() < meteredShare) {
                    long limit = 100 + random.nextInt(10_000);
                    allowance = new FeatureAllowance(true, limit, random.nextLong(limit + 50), random.nextInt(4) == 0);
                } else if (random.nextBoolean()) {
                    allowance = new FeatureAllowance(true, null, 0, false); // boolean, or static without a number
                } else {
                    allowance = new FeatureAllowance(true, (long) (1 + random.nextInt(100)), 0, false); // static {"value": n}
                }
                loaded.put(customerKeys[c] + "/" + featureKeys[f], allowance);
                cache.get(customerKeys[c], customerKeys[c], featureKeys[f]);
                flat.put(customerKeys[c] + "/" + featureKeys[f], allowance.allows(1));
            }
        }
    }

    /** The system clock, read on every call, running 1,000 times slower from its creation. */
    static final class SlowClock extends Clock {
        private final long start = System.currentTimeMillis();

        @Override
        public long millis() {
            return start + (System.currentTimeMillis() - start) / 1_000;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A random customer and feature per call, drawn without contention (each thread its own generator). */
    @State(Scope.Thread)
    public static class Pick {
        private final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());

        int next(int bound) {
            return random.nextInt(bound);
        }
    }

    @Benchmark
    public boolean check(Pick pick) {
        String customer = customerKeys[pick.next(customers)];
        return cache.get(customer, customer, featureKeys[pick.next(features)]).allows(1);
    }

    /** The reference: one lookup of a precomputed answer (the key strings are built in advance, not measured). */
    @Benchmark
    public Boolean referenceSingleMapGet(Pick pick, Keys keys) {
        return flat.get(keys.flatKeys[pick.next(keys.flatKeys.length)]);
    }

    @State(Scope.Benchmark)
    public static class Keys {
        String[] flatKeys;

        @Setup(Level.Trial)
        public void build(EntitlementCheckBenchmark b) {
            flatKeys = b.flat.keySet().toArray(String[]::new);
        }
    }
}
