package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.OrganizationResources;
import dev.tollgate.tenancy.application.port.in.DeleteOrganizationResourcesUseCase;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Runs outside any transaction of ours: each module removes its part in a transaction of its own (as workspace
 * provisioning runs its services), so the data plane's deletion commits, and its connections close, whatever comes
 * after it. The organization is named by id only and not looked up here: one pending deletion or already purged still
 * has resources to remove, and one that never existed has none.
 */
@Singleton
class OrganizationResourcesDeletion implements DeleteOrganizationResourcesUseCase {
    private final OrganizationResources resources;

    OrganizationResourcesDeletion(OrganizationResources resources) {
        this.resources = resources;
    }

    @Override
    public void delete(Caller caller, String organizationId) {
        if (caller.kind() != Caller.Kind.OPERATOR) {
            throw new UnauthenticatedException("Internal routes need the X-Internal-Secret header");
        }
        resources.delete(caller, parse(organizationId));
    }

    private static UUID parse(String organizationId) {
        try {
            return TypeId.parse("org", organizationId);
        } catch (IllegalArgumentException malformed) {
            throw new ValidationException("org_id", "must be an organization id: \"org_\" and 26 base32 characters (a slug is not accepted)");
        }
    }
}
