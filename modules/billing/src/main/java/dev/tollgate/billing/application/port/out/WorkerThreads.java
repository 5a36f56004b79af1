package dev.tollgate.billing.application.port.out;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The invoice worker's threads (ADR 0036): runs a round's items (customers to invoice, subscriptions to plan) several at
 * once. Each item does its own transaction and takes its own locks, exactly as when several nodes run the worker.
 */
public interface WorkerThreads {
    /**
     * Runs {@code work} for every item and returns the sum of its results once all have finished. {@code work} handles
     * its own failures (one item's failure must not stop the others); anything it lets through is rethrown here.
     */
    <T> int each(List<T> items, ToIntFunction<T> work);
}
