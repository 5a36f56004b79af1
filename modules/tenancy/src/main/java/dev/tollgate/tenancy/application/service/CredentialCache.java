package dev.tollgate.tenancy.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.tenancy.domain.Organization;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * API keys by secret hash, so an authenticated request costs no key lookup, and the organizations API-key requests act
 * in (OpenMeter's namespace), so a high-rate ingestion request costs no organization lookup either. Changes on this
 * node evict at once; other nodes notice within {@link #TTL}.
 */
@Singleton
class CredentialCache {
    static final Duration TTL = Duration.ofSeconds(10);
    private final Cache<String, Optional<ApiKey>> apiKeys = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(TTL)
            .build();

    private final Cache<UUID, Optional<Organization>> organizations = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(TTL)
            .build();

    /** Read-only use: the instance is shared by every request that asks within the TTL. */
    Optional<Organization> organization(UUID id, Function<UUID, Optional<Organization>> loader) {
        return organizations.get(id, loader);
    }

    void forgetOrganization(UUID id) {
        organizations.invalidate(id);
    }

    Optional<ApiKey> apiKey(String secretHash, Function<String, Optional<ApiKey>> loader) {
        return apiKeys.get(secretHash, loader);
    }

    void forgetApiKey(String secretHash) {
        apiKeys.invalidate(secretHash);
    }
}
