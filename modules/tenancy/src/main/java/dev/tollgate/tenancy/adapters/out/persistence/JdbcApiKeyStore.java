package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.ApiKeyStore;
import dev.tollgate.tenancy.domain.ApiKey;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcApiKeyStore implements ApiKeyStore {
    private final ApiKeyRowRepository rows;

    JdbcApiKeyStore(ApiKeyRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(ApiKey k) {
        ApiKeyRow row = new ApiKeyRow(k.id(), k.publicId(), k.organizationId(), k.createdBy(), k.name(), k.prefix(), k.secretHash(),
                String.join(" ", k.scopes()), k.createdAt(), k.lastUsedAt(), k.revokedAt());
        Rows.upsert(rows, k.id(), row);
    }

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return rows.findBySecretHash(secretHash).map(JdbcApiKeyStore::toDomain);
    }

    @Override
    public Optional<ApiKey> findByPublicId(UUID organizationId, String publicId) {
        return rows.findByOrganizationIdAndPublicId(organizationId, publicId).map(JdbcApiKeyStore::toDomain);
    }

    @Override
    public List<ApiKey> list(UUID organizationId) {
        return rows.findByOrganizationIdOrderByCreatedAt(organizationId).stream().map(JdbcApiKeyStore::toDomain).toList();
    }

    @Override
    public void touch(UUID keyId, Instant usedAt) {
        rows.touch(keyId, usedAt);
    }

    private static ApiKey toDomain(ApiKeyRow r) {
        return new ApiKey(r.id(), r.publicId(), r.organizationId(), r.createdBy(), r.name(), r.prefix(), r.secretHash(),
                new LinkedHashSet<>(List.of(r.scopes().split(" "))), r.createdAt(), r.lastUsedAt(), r.revokedAt());
    }
}
