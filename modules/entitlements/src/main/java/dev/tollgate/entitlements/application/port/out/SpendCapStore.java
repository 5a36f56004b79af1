package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.SpendCap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organizations' spend caps (ADR 0041). */
public interface SpendCapStore {
    Optional<SpendCap> find(UUID organizationId);

    /** The row locked for an update (none yet: empty, and the caller inserts). */
    Optional<SpendCap> lock(UUID organizationId);

    void save(UUID organizationId, String organizationPublicId, SpendCap cap, Instant at);

    /** The public ids of organizations with a cap in force (a spend limit, or overage off). */
    List<String> capped();
}
