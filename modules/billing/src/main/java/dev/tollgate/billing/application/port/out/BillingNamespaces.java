package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.UUID;

/**
 * The namespaces billing has set up (sandbox app and default profile), one row each. The row doubles as the
 * namespace's lock for billing writes, so two requests never move the default or race a guard.
 */
public interface BillingNamespaces {
    /**
     * Records the namespace as set up in this transaction; true when it was not yet. A concurrent first request
     * waits here until the other commits (then false) or rolls back (then true), so set-up happens exactly once.
     */
    boolean claim(UUID namespace, Instant now);

    /** Locks the (claimed) namespace's row until the transaction ends. */
    void lock(UUID namespace);
}
