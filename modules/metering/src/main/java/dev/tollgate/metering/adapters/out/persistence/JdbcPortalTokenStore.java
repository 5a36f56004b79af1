package dev.tollgate.metering.adapters.out.persistence;

import dev.tollgate.metering.application.port.out.PortalTokenStore;
import dev.tollgate.metering.domain.PortalToken;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcPortalTokenStore implements PortalTokenStore {
    private final PortalTokenRowRepository rows;

    JdbcPortalTokenStore(PortalTokenRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void insert(PortalToken t) {
        rows.save(toRow(t));
    }

    @Override
    public Optional<PortalToken> findByHash(String tokenHash) {
        return rows.findByTokenHash(tokenHash).map(JdbcPortalTokenStore::toDomain);
    }

    @Override
    public List<PortalToken> list(UUID namespace, int limit) {
        return rows.live(namespace, limit).stream().map(JdbcPortalTokenStore::toDomain).toList();
    }

    @Override
    public int invalidate(UUID namespace, UUID id, String subject, Instant now) {
        return rows.invalidate(namespace, id, subject == null || subject.isEmpty() ? null : subject, now);
    }

    private static PortalTokenRow toRow(PortalToken t) {
        return new PortalTokenRow(t.id(), t.namespace(), t.subject(), t.allowedMeterSlugs() == null ? null : t.allowedMeterSlugs().toArray(String[]::new),
                t.tokenHash(), t.expiresAt(), t.createdAt(), t.invalidatedAt());
    }

    private static PortalToken toDomain(PortalTokenRow r) {
        return new PortalToken(r.id(), r.namespace(), r.subject(), r.allowedMeterSlugs() == null ? null : Arrays.asList(r.allowedMeterSlugs()),
                r.tokenHash(), r.expiresAt(), r.createdAt(), r.invalidatedAt());
    }
}
