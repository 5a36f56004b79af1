package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.Optional;
import java.util.UUID;

public interface EntitlementStore {
    /** Inserts or replaces; a second live entitlement of one customer and feature is a conflict. */
    void save(Entitlement entitlement);

    Optional<Entitlement> find(UUID namespace, UUID id);

    /** The live entitlement of a customer for a feature. */
    Optional<Entitlement> findLive(UUID namespace, UUID customerId, String featureKey);

    /** Locks the entitlement's row until the transaction ends: grants, voids and resets of one entitlement take turns. */
    void lock(UUID id);

    Page<Entitlement> list(UUID namespace, EntitlementFilter filter, PageRequest page);

    /** The customer's live (undeleted) entitlements, in force or not, oldest first. */
    default java.util.List<Entitlement> liveOf(UUID namespace, UUID customerId) {
        EntitlementFilter filter = new EntitlementFilter(java.util.List.of(customerId), java.util.List.of(), java.util.List.of(), false, null,
                "createdAt", false);
        return list(namespace, filter, new PageRequest(0, PageRequest.MAX_LIMIT)).items();
    }
}
