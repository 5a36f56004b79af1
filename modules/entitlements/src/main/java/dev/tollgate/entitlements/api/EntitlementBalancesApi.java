package dev.tollgate.entitlements.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Metered entitlements' balances for modules that watch them (OpenMeter's balance-threshold and reset notifications).
 */
public interface EntitlementBalancesApi {
    /**
     * The live metered entitlements of the namespace active at {@code now}, of these features (every feature when
     * empty), each valued at {@code now} in its current usage period. Values are computed, never stored: the cost is
     * one balance evaluation per entitlement.
     */
    List<Balance> balances(UUID namespace, Collection<UUID> featureIds, Instant now);

    /**
     * @param subjectKey       the subject the entitlement is metered for (its customer's first usage attribution when it
     *                         was made for a customer)
     * @param periodFrom       the current usage period's start: a reset, scheduled or by hand, starts a new one
     * @param firstPeriod      whether this is the entitlement's first usage period (no reset has happened yet)
     * @param measureUsageFrom when the entitlement began measuring usage
     */
    record Balance(UUID entitlementId, UUID featureId, String featureKey, String subjectKey, Instant periodFrom, Instant periodTo,
                   boolean firstPeriod, Instant measureUsageFrom, BigDecimal balance, BigDecimal usage, BigDecimal overage) {
    }
}
