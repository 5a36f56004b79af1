package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface GrantStore {
    void save(Grant grant);

    Optional<Grant> find(UUID namespace, UUID id);

    /** Every grant of the entitlement, ended ones too: balances at earlier times need them. */
    List<Grant> ofEntitlement(UUID entitlementId);

    Page<Grant> list(UUID namespace, GrantFilter filter, PageRequest page);

    /**
     * Claims, once across nodes, up to {@code limit} grants of the namespace that ran out on their own by {@code now}
     * (expired, not voided or deleted before), marking their expiry announced; the caller's transaction decides.
     */
    List<Grant> claimExpired(UUID namespace, java.time.Instant now, int limit);
}
