package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.VercelResource;
import java.util.List;
import java.util.Optional;

/** The resources Vercel installations provisioned. */
public interface VercelResourceStore {
    /** A live (undeleted) resource of the installation. */
    Optional<VercelResource> find(String installationId, String resourceId);

    List<VercelResource> liveOf(String installationId);

    /** The resource an earlier provisioning call with this Idempotency-Key made (deleted since or not). */
    Optional<VercelResource> findByIdempotencyKey(String installationId, String idempotencyKey);

    /** Inserts or replaces by id. */
    void save(VercelResource resource);
}
