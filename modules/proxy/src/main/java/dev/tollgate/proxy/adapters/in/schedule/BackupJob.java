package dev.tollgate.proxy.adapters.in.schedule;

import dev.tollgate.proxy.application.port.in.RunBackupsUseCase;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch backup worker (ADR 0072): every {@code tollgate.backups.poll-interval} (2 s) it fails the backups whose node
 * stopped while taking them, takes the pending ones one after another, and removes expired ones. At start it fails what
 * an earlier run of any node left running past its lease. Every node may run it. The work runs on a thread of its own,
 * one run at a time, so a long pg_dump never holds the scheduler's threads.
 */
@Singleton
class BackupJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);
    private static final int PER_RUN = 10;
    private final RunBackupsUseCase backups;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "tollgate-backups");
        t.setDaemon(true);
        return t;
    });

    BackupJob(RunBackupsUseCase backups) {
        this.backups = backups;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            int failed = backups.failInterrupted();
            if (failed > 0) {
                LOG.warn("{} backup(s) left running by a stopped node were marked failed", failed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for interrupted backups at start; the worker tries again", e);
        }
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        thread.shutdownNow(); // a pg_dump under way is stopped; its backup fails (or its lease lapses)
    }

    @Scheduled(initialDelay = "${tollgate.backups.poll-interval:2s}", fixedDelay = "${tollgate.backups.poll-interval:2s}")
    void run() {
        if (thread.isShutdown() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    backups.failInterrupted();
                    for (int i = 0; i < PER_RUN && !Thread.currentThread().isInterrupted() && backups.takeNext(); i++) {
                        // one backup at a time per node: pg_dump is heavy on the cluster
                    }
                    backups.purgeExpired();
                } catch (RuntimeException e) {
                    LOG.warn("The backup worker's run failed; the next run tries again", e);
                } finally {
                    busy.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            busy.set(false);
        }
    }
}
