package dev.tollgate.tenancy.api.spi;

import dev.tollgate.tenancy.api.Caller;
import java.util.UUID;

/**
 * What an organization holds in the other modules, removed when the operator cleans up after it (PgBeam's
 * DeleteOrganizationResources): its projects (soft-deleted, their live connections closed on every node), its Vercel
 * installations with their resources, and its plan. The deployable runs each module's part over that module, each in
 * the module's own transaction, the data plane first so that traffic stops before anything else goes.
 */
public interface OrganizationResources {
    /**
     * Removes what the organization still holds, recording each removal in its audit log as done by {@code operator}.
     * Idempotent: what is already gone is skipped and recorded nothing, so a retry after a failure finishes the job and
     * an organization that holds nothing (or never existed) changes nothing.
     */
    void delete(Caller operator, UUID organizationId);
}
