package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The states of OAuth2 installs under way (ADR 0047): kept by hash, one use each, bound to the namespace that started them. */
public interface OAuth2InstallStates {
    void save(String stateHash, UUID namespace, String appType, Instant createdAt, Instant expiresAt);

    /**
     * Removes the state if {@code namespace} started it for {@code appType} and answers when it expires (the caller
     * judges expiry); empty when there is no such state (unknown, used, or another namespace's, which is left alone).
     */
    Optional<Instant> consume(String stateHash, UUID namespace, String appType);

    /** Forgets the states that expired before {@code now}. */
    void purgeExpired(Instant now);
}
