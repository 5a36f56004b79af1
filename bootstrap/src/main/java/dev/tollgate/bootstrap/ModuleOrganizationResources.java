package dev.tollgate.bootstrap;

import dev.tollgate.entitlements.api.OrganizationCleanupApi;
import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.OrganizationResources;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * An organization's resources go module by module, each in its own transaction: the proxy's projects first (their
 * traffic stops and stays stopped whatever follows), then entitlements' Vercel installations, tier and plan row. Both
 * are idempotent, so a call that failed half-way is finished by the operator's retry.
 */
@Singleton
final class ModuleOrganizationResources implements OrganizationResources {
    private final ProxyApi proxy;
    private final OrganizationCleanupApi entitlements;

    ModuleOrganizationResources(ProxyApi proxy, OrganizationCleanupApi entitlements) {
        this.proxy = proxy;
        this.entitlements = entitlements;
    }

    @Override
    public void delete(Caller operator, UUID organizationId) {
        proxy.deleteProjectsOf(operator, organizationId);
        entitlements.removePlanAndInstallations(operator, organizationId);
    }
}
