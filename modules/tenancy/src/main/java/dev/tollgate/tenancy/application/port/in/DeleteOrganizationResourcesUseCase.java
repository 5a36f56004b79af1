package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;

/** PgBeam's DeleteOrganizationResources: the operator cleans up after an organization being deleted. */
public interface DeleteOrganizationResourcesUseCase {
    /**
     * Removes the organization's resources in every module (see {@code OrganizationResources}). Only the operator may;
     * {@code organizationId} must be an {@code org_…} id (never a slug, which a later organization may take over). An
     * id naming no organization, or one already cleaned up, changes nothing.
     */
    void delete(Caller caller, String organizationId);
}
