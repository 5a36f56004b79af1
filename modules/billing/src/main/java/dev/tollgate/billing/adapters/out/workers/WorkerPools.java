package dev.tollgate.billing.adapters.out.workers;

import dev.tollgate.billing.application.port.out.WorkerThreads;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Billing's two pools of worker threads, sized apart because they wait on different things: the invoice worker's
 * rounds (ADR 0036) are bound by PostgreSQL and the CPU, the Stripe invoice sync (ADR 0039) by Stripe's answers —
 * a sync holds an invoice's row lock (and a connection) while it calls Stripe, so its threads are also a bound on
 * the connections it takes.
 */
@Factory
final class WorkerPools {
    /** {@code tollgate.billing.invoice-worker-threads} (default 2): customers invoiced, subscriptions planned. */
    @Singleton
    @Primary
    @Bean(preDestroy = "stop")
    WorkerPool invoiceWorkers(@Value("${tollgate.billing.invoice-worker-threads:2}") int threads) {
        return new WorkerPool("invoice-worker", threads);
    }

    /** {@code tollgate.billing.stripe-sync-threads} (default 4): invoices synced to Stripe at once. */
    @Singleton
    @Named(WorkerThreads.STRIPE_SYNC)
    @Bean(preDestroy = "stop")
    WorkerPool stripeSyncWorkers(@Value("${tollgate.billing.stripe-sync-threads:4}") int threads) {
        return new WorkerPool("stripe-sync", threads);
    }
}
