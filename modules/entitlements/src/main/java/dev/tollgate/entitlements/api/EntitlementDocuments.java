package dev.tollgate.entitlements.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Entitlements' documents as the dialects show them, for other modules that embed them in their own messages (an
 * OpenMeter notification carries the entitlement and value it is about). Written by the same views the routes use.
 */
public interface EntitlementDocuments {
    /**
     * OpenMeter's documents of an entitlement of the namespace (deleted too) at {@code at}: {@code entitlement} (v1's
     * {@code EntitlementMetered} shape, its {@code subjectKey} the subject it is metered for) and {@code value}
     * ({@code EntitlementValue}); empty when there is none.
     */
    Optional<Map<String, Object>> openMeterEntitlement(UUID namespace, UUID entitlementId, Instant at);
}
