package dev.tollgate.webhooks.api.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Metered entitlements' balances and the documents OpenMeter's entitlement notifications carry. Entitlements, features
 * and subjects belong to modules webhooks may not depend on: the deployable bridges this over their apis.
 */
public interface EntitlementBalances {
    /** The live metered entitlements of the namespace active at {@code now}, of these features (all when empty), valued now. */
    List<Balance> balances(UUID namespace, Collection<UUID> featureIds, Instant now);

    /**
     * @param firstPeriod whether the current usage period is the entitlement's first (no reset has happened yet)
     */
    record Balance(UUID entitlementId, UUID featureId, String featureKey, String subjectKey, Instant periodFrom, Instant periodTo,
                   boolean firstPeriod, Instant measureUsageFrom, BigDecimal balance, BigDecimal usage, BigDecimal overage) {
    }

    /**
     * A notification's data about an entitlement at {@code at}: OpenMeter's {@code entitlement}, {@code feature},
     * {@code subject} and {@code value} documents; empty when the entitlement is gone.
     */
    Optional<Map<String, Object>> notificationData(UUID namespace, UUID entitlementId, Instant at);
}
