package dev.tollgate.tenancy.api;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of tenancy. */
public interface TenancyApi {
    /** The organization's summary, unless it does not exist or is pending deletion. */
    Optional<OrganizationSummary> findOrganization(UUID organizationId);

    /** Fails with not-found/forbidden unless {@code caller} may read {@code organizationId}. */
    void requireOrganizationAccess(Caller caller, UUID organizationId, boolean write);

    record OrganizationSummary(UUID id, String publicId, String slug, String name) {
    }
}
