package dev.tollgate.proxy.application.port.out;

import java.util.UUID;

/**
 * Serializes the checks that count before creating: two concurrent creations in one organization (or project) take
 * turns until the first commits, so neither sees a count the other is about to change.
 */
public interface PlanLocks {
    /** Held until the current transaction ends. */
    void lock(UUID scope);
}
