package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.VercelResourceStore;
import dev.tollgate.entitlements.domain.VercelResource;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
final class JdbcVercelResourceStore implements VercelResourceStore {
    private final VercelResourceRowRepository rows;

    JdbcVercelResourceStore(VercelResourceRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public Optional<VercelResource> find(String installationId, String resourceId) {
        return rows.findByIdAndInstallationIdAndDeletedAtIsNull(resourceId, installationId).map(JdbcVercelResourceStore::toDomain);
    }

    @Override
    public List<VercelResource> liveOf(String installationId) {
        return rows.findByInstallationIdAndDeletedAtIsNullOrderByCreatedAt(installationId).stream().map(JdbcVercelResourceStore::toDomain)
                .toList();
    }

    @Override
    public Optional<VercelResource> findByIdempotencyKey(String installationId, String idempotencyKey) {
        return rows.findByInstallationIdAndIdempotencyKey(installationId, idempotencyKey).map(JdbcVercelResourceStore::toDomain);
    }

    @Override
    public void save(VercelResource r) {
        VercelResourceRow row = new VercelResourceRow(r.id(), r.installationId(), r.productId(), r.name(), r.metadata(), r.idempotencyKey(),
                r.createdAt(), r.deletedAt());
        if (rows.existsById(r.id())) {
            rows.update(row);
        } else {
            rows.save(row);
        }
    }

    private static VercelResource toDomain(VercelResourceRow r) {
        return new VercelResource(r.id(), r.installationId(), r.productId(), r.name(), r.metadata(), r.idempotencyKey(), r.createdAt(),
                r.deletedAt());
    }
}
