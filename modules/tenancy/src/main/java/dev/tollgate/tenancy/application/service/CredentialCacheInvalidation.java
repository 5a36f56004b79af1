package dev.tollgate.tenancy.application.service;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;

/**
 * Forgets a cached organization or API key once its change has committed. Forgetting only before the commit would
 * let a concurrent read cache the old row again in between, for the cache's whole lifetime (a revoked key would keep
 * working).
 */
@Singleton
class CredentialCacheInvalidation {
    private final CredentialCache cache;

    CredentialCacheInvalidation(CredentialCache cache) {
        this.cache = cache;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onOrganizationRowChanged(OrganizationRowChanged changed) {
        cache.forgetOrganization(changed.organizationId());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onApiKeyRevoked(ApiKeyRevoked revoked) {
        cache.forgetApiKey(revoked.secretHash());
    }
}
