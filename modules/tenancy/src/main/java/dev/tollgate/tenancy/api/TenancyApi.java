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

    /**
     * On a database without users: creates the admin user, their organization and an all-scopes API key. Empty when
     * users already exist (the seed runs once). {@code apiKey} may be null to generate one.
     */
    Optional<SeededAdmin> seedAdminIfEmpty(String email, String password, String organizationSlug, String apiKey);

    record SeededAdmin(String email, String organizationId, String organizationSlug, long organizationNumber, String apiKey) {
    }
}
