package dev.tollgate.bootstrap;

import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.UUID;

/** Entitlements states how much of a tier limit is used; the proxy counts projects and tenancy counts seats. */
@Singleton
final class CountedOrganizationUsage implements OrganizationUsage {
    private final ProxyApi proxy;
    private final TenancyApi tenancy;

    CountedOrganizationUsage(ProxyApi proxy, TenancyApi tenancy) {
        this.proxy = proxy;
        this.tenancy = tenancy;
    }

    @Override
    public OptionalLong used(UUID organizationId, String featureKey) {
        return switch (featureKey) {
            case "max_projects" -> OptionalLong.of(proxy.activeProjects(organizationId));
            case "included_seats" -> OptionalLong.of(tenancy.memberCount(organizationId));
            default -> OptionalLong.empty();
        };
    }
}
