package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.tenancy.application.port.out.SessionStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcSessionStore implements SessionStore {
    private final SessionRowRepository rows;

    JdbcSessionStore(SessionRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void create(UUID id, UUID userId, String secretHash, Instant createdAt, Instant expiresAt) {
        rows.save(new SessionRow(id, userId, secretHash, createdAt, expiresAt, null));
    }

    @Override
    public Optional<Session> findValid(String secretHash, Instant now) {
        return rows.findBySecretHashAndRevokedAtIsNullAndExpiresAtGreaterThan(secretHash, now).map(JdbcSessionStore::toSession);
    }

    @Override
    public Optional<Session> findValidById(UUID id, Instant now) {
        return rows.findByIdAndRevokedAtIsNullAndExpiresAtGreaterThan(id, now).map(JdbcSessionStore::toSession);
    }

    @Override
    public void revoke(UUID id, Instant now) {
        rows.revoke(id, now);
    }

    @Override
    public java.util.List<SessionRecord> forUser(UUID userId) {
        return rows.findByUserIdOrderByCreatedAtDesc(userId).stream()
                .map(r -> new SessionRecord(r.id(), r.createdAt(), r.expiresAt(), r.revokedAt())).toList();
    }

    private static Session toSession(SessionRow r) {
        return new Session(r.id(), r.userId(), r.expiresAt());
    }
}
