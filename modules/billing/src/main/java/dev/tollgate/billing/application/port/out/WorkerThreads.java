package dev.tollgate.billing.application.port.out;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Threads that run a round's items several at once: the invoice worker's (ADR 0036: customers to invoice,
 * subscriptions to plan) and, named {@link #STRIPE_SYNC}, the Stripe invoice sync's (invoices to sync). Each item does
 * its own transaction and takes its own locks, exactly as when several nodes run the round.
 */
public interface WorkerThreads {
    /** The name of the Stripe invoice sync's threads; unnamed, the invoice worker's. */
    String STRIPE_SYNC = "stripe-sync";

    /**
     * Runs {@code work} for every item and returns the sum of its results once all have finished. {@code work} handles
     * its own failures (one item's failure must not stop the others); anything it lets through is rethrown here.
     */
    <T> int each(List<T> items, ToIntFunction<T> work);
}
