package dev.tollgate.billing.adapters.out.workers;

import dev.tollgate.billing.application.port.out.WorkerThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * A fixed number of daemon threads named {@code <name>-<n>} that run a round's items several at once (ADR 0036; made by
 * {@link WorkerPools}). Parallelism changes nothing about safety: every item takes its own locks inside its own
 * transaction, exactly as when several nodes run the round. With one thread the items run in the caller's thread, one
 * after another.
 */
final class WorkerPool implements WorkerThreads {
    private final int threads;
    private final ExecutorService pool;

    WorkerPool(String name, int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true); // a round still running never holds up shutdown; its transactions roll back with it
            return t;
        });
    }

    @Override
    public <T> int each(List<T> items, ToIntFunction<T> work) {
        if (pool == null || items.size() < 2) {
            int sum = 0;
            for (T item : items) {
                sum += work.applyAsInt(item);
            }
            return sum;
        }
        List<Future<Integer>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(pool.submit(() -> work.applyAsInt(item)));
        }
        int sum = 0;
        RuntimeException failed = null;
        for (Future<Integer> f : running) {
            try {
                sum += f.get(); // waits for every item, also after a failure: the round ends only when its work has
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = failed == null ? new IllegalStateException("interrupted while a worker round's items ran", e) : failed;
            } catch (ExecutionException e) {
                failed = failed == null ? (e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause())) : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return sum;
    }

    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
