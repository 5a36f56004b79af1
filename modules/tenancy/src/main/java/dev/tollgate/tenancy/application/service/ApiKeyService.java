package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageApiKeysUseCase;
import dev.tollgate.tenancy.application.port.out.ApiKeyStore;
import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.tenancy.domain.ApiKeyScope;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;

@Singleton
class ApiKeyService implements ManageApiKeysUseCase {
    private final OrganizationAccess access;
    private final ApiKeyStore keys;
    private final ApplicationEventPublisher<ApiKeyRevoked> revocations;
    private final Clock clock;
    private final AuditTrail audit;

    ApiKeyService(OrganizationAccess access, ApiKeyStore keys, ApplicationEventPublisher<ApiKeyRevoked> revocations, Clock clock,
                  AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ApiKey.Issued create(Caller caller, String organizationIdOrSlug, String name, List<String> scopes) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.MANAGE_API_KEYS);
        Set<String> granted = ApiKeyScope.validate(scopes);
        access.requireGrantableScopes(caller, organization, granted);
        ApiKey.Issued issued = ApiKey.issue(organization.id(), caller.userId(), name, granted, clock.instant());
        keys.save(issued.key());
        audit.record(caller, organization.id(), AuditTrail.Change.created("api_key", issued.key().publicId(),
                "API key '" + name + "' created", AuditSnapshots.of(issued.key())));
        return issued;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ApiKey> list(Caller caller, String organizationIdOrSlug) {
        return keys.list(access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.MANAGE_API_KEYS).id());
    }

    @Override
    @Transactional
    public void revoke(Caller caller, String organizationIdOrSlug, String keyId) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.MANAGE_API_KEYS);
        ApiKey key = keys.findByPublicId(organization.id(), keyId).orElseThrow(() -> NotFoundException.of("API key", keyId));
        ApiKey revoked = key.revoke(clock.instant());
        keys.save(revoked);
        audit.record(caller, organization.id(), AuditTrail.Change.updated("api_key", key.publicId(), "API key '" + key.name() + "' revoked",
                AuditSnapshots.of(key), AuditSnapshots.of(revoked)));
        // The cached key goes once the revocation has committed (CredentialCacheInvalidation): forgetting it now
        // would let a request racing this one cache the still-committed, unrevoked row again.
        revocations.publishEvent(new ApiKeyRevoked(key.secretHash()));
    }
}
