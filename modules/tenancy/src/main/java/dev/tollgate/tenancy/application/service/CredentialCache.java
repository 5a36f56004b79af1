package dev.tollgate.tenancy.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.tenancy.domain.ApiKey;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * API keys by secret hash, so an authenticated request costs no key lookup. Revoking on this node evicts at
 * once; other nodes notice within {@link #TTL}.
 */
@Singleton
class CredentialCache {
    static final Duration TTL = Duration.ofSeconds(10);
    private final Cache<String, Optional<ApiKey>> apiKeys = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(TTL)
            .build();

    Optional<ApiKey> apiKey(String secretHash, Function<String, Optional<ApiKey>> loader) {
        return apiKeys.get(secretHash, loader);
    }

    void forgetApiKey(String secretHash) {
        apiKeys.invalidate(secretHash);
    }
}
