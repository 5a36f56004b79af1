package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageServiceTokensUseCase;
import dev.tollgate.tenancy.application.port.out.ServiceTokenStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

@Singleton
class ServiceTokenService implements ManageServiceTokensUseCase {
    private final OrganizationAccess access;
    private final ServiceTokenStore tokens;
    private final Clock clock;

    private final AuditTrail audit;

    ServiceTokenService(OrganizationAccess access, ServiceTokenStore tokens, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ServiceToken> list(Caller caller, String organizationSlug) {
        return tokens.list(access.require(caller, organizationSlug, Permission.READ_SERVICE_TOKENS).id());
    }

    @Override
    @Transactional
    public ServiceToken.Issued create(Caller caller, String organizationSlug, String name) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_SERVICE_TOKENS);
        ServiceToken.Issued issued = ServiceToken.issue(organization.id(), name, clock.instant());
        tokens.save(issued.token());
        audit.record(caller, organization.id(), AuditTrail.Change.created("service_token", issued.token().publicId(),
                "Service token '" + name + "' created", AuditSnapshots.of(issued.token())));
        return issued;
    }

    @Override
    @Transactional(readOnly = true)
    public ServiceToken get(Caller caller, String organizationSlug, String tokenId) {
        return find(access.require(caller, organizationSlug, Permission.READ_SERVICE_TOKENS), tokenId);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String organizationSlug, String tokenId) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_SERVICE_TOKENS);
        ServiceToken token = find(organization, tokenId);
        tokens.delete(token.id());
        audit.record(caller, organization.id(), AuditTrail.Change.deleted("service_token", token.publicId(),
                "Service token '" + token.name() + "' deleted", AuditSnapshots.of(token)));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ServiceTokenAccess> accesses(Caller caller, String organizationSlug, String tokenId) {
        return tokens.accesses(find(access.require(caller, organizationSlug, Permission.READ_SERVICE_TOKENS), tokenId).id());
    }

    @Override
    @Transactional
    public ServiceTokenAccess grant(Caller caller, String organizationSlug, String tokenId, String accessName, String database) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_SERVICE_TOKENS);
        ServiceToken token = find(organization, tokenId);
        ServiceTokenAccess granted = ServiceTokenAccess.grant(token.id(), accessName, database, clock.instant());
        access.requireGrantableAccess(caller, organization, granted.access());
        tokens.saveAccess(granted);
        audit.record(caller, organization.id(), new AuditTrail.Change("service_token", token.publicId(), "service_token.access_granted",
                "Access '" + granted.access() + "' granted to service token '" + token.name() + "'"
                        + (granted.database() == null ? "" : " on database " + granted.database()),
                null, AuditTrail.fields("access", granted.access(), "database", granted.database())));
        return granted;
    }

    private ServiceToken find(Organization organization, String tokenId) {
        return tokens.findByPublicId(tokenId)
                .filter(t -> t.organizationId().equals(organization.id()))
                .orElseThrow(() -> NotFoundException.of("Service token", tokenId));
    }
}
