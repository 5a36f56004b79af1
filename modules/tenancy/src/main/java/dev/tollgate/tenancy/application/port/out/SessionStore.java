package dev.tollgate.tenancy.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login sessions, by hash of their secret; a revoked or expired session is never returned as valid. */
public interface SessionStore {
    record Session(UUID id, UUID userId, Instant expiresAt) {
    }

    void create(UUID id, UUID userId, String secretHash, Instant createdAt, Instant expiresAt);

    Optional<Session> findValid(String secretHash, Instant now);

    Optional<Session> findValidById(UUID id, Instant now);

    void revoke(UUID id, Instant now);

    /** The user's sessions, newest first, revoked and expired ones included (for the account export). */
    java.util.List<SessionRecord> forUser(UUID userId);

    record SessionRecord(UUID id, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }
}
