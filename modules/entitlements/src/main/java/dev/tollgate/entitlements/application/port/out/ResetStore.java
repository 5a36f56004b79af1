package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.ResetRecord;
import java.util.List;
import java.util.UUID;

public interface ResetStore {
    void save(ResetRecord reset);

    /** The manual resets of an entitlement, oldest first. */
    List<ResetRecord> ofEntitlement(UUID entitlementId);
}
