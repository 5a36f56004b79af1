package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
class TenancyApiService implements TenancyApi {
    private final OrganizationStore organizations;
    private final OrganizationAccess access;

    TenancyApiService(OrganizationStore organizations, OrganizationAccess access) {
        this.organizations = organizations;
        this.access = access;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrganizationSummary> findOrganization(UUID organizationId) {
        return organizations.findById(organizationId).map(TenancyApiService::summary);
    }

    @Override
    @Transactional(readOnly = true)
    public void requireOrganizationAccess(Caller caller, UUID organizationId, boolean write) {
        Organization organization = organizations.findById(organizationId)
                .orElseThrow(() -> NotFoundException.of("Organization", organizationId.toString()));
        access.require(caller, organization, write ? Permission.UPDATE_ORGANIZATION : Permission.READ_ORGANIZATION);
    }

    private static OrganizationSummary summary(Organization o) {
        return new OrganizationSummary(o.id(), o.publicId(), o.slug().value(), o.name());
    }
}
