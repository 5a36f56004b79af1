package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ApiKeyStore {
    void save(ApiKey key);

    Optional<ApiKey> findBySecretHash(String secretHash);

    Optional<ApiKey> findByPublicId(UUID organizationId, String publicId);

    List<ApiKey> list(UUID organizationId);

    void touch(UUID keyId, Instant usedAt);
}
