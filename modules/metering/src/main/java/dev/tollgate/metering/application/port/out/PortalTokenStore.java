package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.domain.PortalToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface PortalTokenStore {

    void insert(PortalToken token);

    Optional<PortalToken> findByHash(String tokenHash);

    /** Newest first. */
    List<PortalToken> list(UUID namespace, int limit);

    /** Invalidates the namespace's tokens with this id, or for this subject; returns how many. */
    int invalidate(UUID namespace, UUID id, String subject, Instant now);
}
