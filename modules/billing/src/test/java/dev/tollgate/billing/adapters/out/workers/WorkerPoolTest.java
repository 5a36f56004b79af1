package dev.tollgate.billing.adapters.out.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void sumsEveryItemsResultWhateverTheThreads() throws InterruptedException {
        for (int threads : new int[] {1, 2, 4}) {
            WorkerPool pool = new WorkerPool("invoice-worker", threads);
            try {
                assertEquals(5050, pool.each(ITEMS, i -> i), threads + " thread(s)");
                assertEquals(0, pool.each(List.<Integer>of(), i -> i));
            } finally {
                pool.stop();
            }
        }
    }

    @Test
    void oneThreadRunsTheItemsInTheCallersThreadInOrder() throws InterruptedException {
        WorkerPool pool = new WorkerPool("invoice-worker", 1);
        Thread caller = Thread.currentThread();
        AtomicInteger last = new AtomicInteger();
        pool.each(ITEMS, i -> {
            assertEquals(caller, Thread.currentThread());
            assertEquals(i - 1, last.getAndSet(i), "in order");
            return 0;
        });
        pool.stop();
    }

    @Test
    void severalThreadsRunTheItemsOnThePoolsThreads() throws InterruptedException {
        WorkerPool pool = new WorkerPool("invoice-worker", 2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        pool.each(ITEMS, i -> {
            names.add(Thread.currentThread().getName());
            return 0;
        });
        pool.stop();
        assertTrue(names.stream().allMatch(n -> n.startsWith("invoice-worker-")), names.toString());
    }

    @Test
    void anItemsFailureIsRethrownOnlyAfterEveryItemRan() throws InterruptedException {
        WorkerPool pool = new WorkerPool("invoice-worker", 2);
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> pool.each(ITEMS, i -> {
            ran.incrementAndGet();
            if (i == 3) {
                throw new IllegalStateException("item 3");
            }
            return 1;
        }));
        pool.stop();
        assertEquals("item 3", failed.getMessage());
        assertEquals(100, ran.get(), "the other items still ran");
    }
}
