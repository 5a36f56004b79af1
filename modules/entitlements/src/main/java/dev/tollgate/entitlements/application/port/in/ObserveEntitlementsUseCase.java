package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementValue;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An entitlement read without a caller, for documents embedded in other modules' messages (never for a request). */
public interface ObserveEntitlementsUseCase {
    /** The entitlement (deleted too) with its period and value at {@code at}, and the subject it is metered for. */
    Optional<Observed> observe(UUID namespace, UUID entitlementId, Instant at);

    record Observed(EntitlementState state, EntitlementValue value, String subjectKey) {
    }
}
