package dev.tollgate.entitlements.api;

import dev.tollgate.tenancy.api.Caller;
import java.util.UUID;

/** What entitlements removes when the operator cleans up after an organization (PgBeam's DeleteOrganizationResources). */
public interface OrganizationCleanupApi {
    /**
     * In one transaction: ends the organization's Vercel installations as an uninstall ends one (their resources
     * deleted; the account kept, ended, so its last hours' usage is still reported to Vercel), puts a live organization
     * back on the initial tier, and deletes its plan row (the billing state the operator or a marketplace reported). Each
     * change is recorded in the organization's audit log as {@code operator}'s; what is already gone records nothing.
     */
    void removePlanAndInstallations(Caller operator, UUID organizationId);
}
