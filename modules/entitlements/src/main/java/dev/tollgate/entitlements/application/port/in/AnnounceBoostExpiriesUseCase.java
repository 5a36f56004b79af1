package dev.tollgate.entitlements.application.port.in;

/** php-tenant's {@code boost_expired} when a boost runs out on its own (a boost ended by hand is announced there). */
public interface AnnounceBoostExpiriesUseCase {
    /**
     * Handles one batch of grants that expired and were not handled yet, once across nodes, announcing those that are
     * boosts; returns how many grants it handled (zero: none is due).
     */
    int announceDue();
}
