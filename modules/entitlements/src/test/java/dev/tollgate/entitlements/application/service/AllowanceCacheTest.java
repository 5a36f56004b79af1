package dev.tollgate.entitlements.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.RememberedAllowance;
import dev.tollgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache of allowances on a clock the tests move: each load answers how many loads there were so far as its usage. */
class AllowanceCacheTest {
    final MutableClock clock = new MutableClock();
    final AtomicInteger loads = new AtomicInteger();
    /** Background reloads wait here until a test runs them. */
    final Queue<Runnable> reloads = new ArrayDeque<>();
    volatile CountDownLatch loading = new CountDownLatch(0);
    volatile boolean remember = true;
    volatile RuntimeException failure;

    final AllowanceCache<String> cache = new AllowanceCache<>(this::load, clock, reloads::add);

    RememberedAllowance load(String source, String featureKey, Instant now) {
        int n = loads.incrementAndGet();
        try {
            assertTrue(loading.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            throw failure;
        }
        FeatureAllowance allowance = new FeatureAllowance(true, 100L, n, false);
        return remember ? new RememberedAllowance(allowance, now.toEpochMilli() + 500, now.toEpochMilli() + 1_000) : RememberedAllowance.once(allowance, now);
    }

    long used() {
        return cache.get("org_a", "source", "posts").used();
    }

    void runReloads() {
        for (Runnable r; (r = reloads.poll()) != null; ) {
            r.run();
        }
    }

    @Test
    void anEntryIsAnsweredUntilItsTimeAndReloadedAheadOfIt() {
        assertEquals(1, used());
        clock.advance(Duration.ofMillis(499));
        assertEquals(1, used());
        runReloads();
        assertEquals(1, loads.get(), "not due yet");
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, used(), "due: still answered while it is reloaded");
        assertEquals(1, used(), "one reload at a time");
        runReloads();
        assertEquals(2, loads.get());
        assertEquals(2, used(), "the reload replaced it");
        clock.advance(Duration.ofMillis(1_000));
        assertEquals(3, used(), "out of date at its time (the reload's, 1 s after it read): loaded again");
    }

    @Test
    void anEntryIsNeverAnsweredPastItsTime() {
        assertEquals(1, used());
        clock.advance(Duration.ofMillis(999));
        assertEquals(1, used());
        clock.advance(Duration.ofMillis(1));
        assertEquals(2, used(), "out of date at its time, reloaded or not");
    }

    @Test
    void whatIsNotRememberedIsLoadedEachTime() {
        remember = false;
        assertEquals(1, used());
        assertEquals(2, used());
        assertEquals(2, loads.get());
    }

    @Test
    void forgettingACustomerOrFeatureDropsLoadsThatBeganBefore() throws Exception {
        Runnable[] forgets = {() -> cache.forget("org_a"), () -> cache.forget("org_a", "posts")};
        for (Runnable forget : forgets) {
            cache.forget("org_a");
            loading = new CountDownLatch(1);
            int before = loads.get();
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(this::used);
            while (loads.get() == before) {
                Thread.onSpinWait();
            }
            forget.run(); // the entitlements changed (or usage was recorded) while the load was reading
            loading.countDown();
            assertEquals(before + 1, first.get(10, TimeUnit.SECONDS), "its caller gets what it read");
            assertEquals(before + 2, used(), "but it is not remembered");
            assertEquals(before + 2, used());
        }
    }

    @Test
    void forgettingDropsAReloadUnderWay() {
        assertEquals(1, used());
        clock.advance(Duration.ofMillis(500));
        assertEquals(1, used());
        cache.forget("org_a");
        runReloads(); // read before the change, finishes after it
        assertEquals(3, used(), "the reload is not remembered: loaded again");
    }

    @Test
    void concurrentMissesShareOneLoad() throws Exception {
        loading = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(this::used);
        while (loads.get() == 0) {
            Thread.onSpinWait();
        }
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(this::used);
        loading.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(1, second.get(10, TimeUnit.SECONDS));
        assertEquals(1, loads.get());
    }

    @Test
    void aFailedLoadFailsItsCallerAndAFailedReloadKeepsTheValidAnswer() {
        failure = new IllegalStateException("database down");
        assertThrows(IllegalStateException.class, this::used);
        failure = null;
        assertEquals(2, used());
        clock.advance(Duration.ofMillis(500));
        failure = new IllegalStateException("database down");
        assertEquals(2, used());
        runReloads();
        assertEquals(2, used(), "still valid: answered");
        clock.advance(Duration.ofMillis(500));
        assertThrows(IllegalStateException.class, this::used, "out of date: not answered any more");
    }
}
