package dev.tollgate.tenancy.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Signed JWT access tokens: Tollgate's own, and optionally those of a trusted external issuer. */
public interface AccessTokens {
    /** A token for {@code userId} tied to login session {@code sessionId}. */
    String issue(UUID userId, String userPublicId, UUID sessionId, Instant now);

    /** Verified claims of a token Tollgate signed, or empty if it is not valid now. */
    Optional<Claims> verify(String token, Instant now);

    /** The public signing keys, each a JWK (RFC 7517): its members depend on the key type. */
    List<Map<String, Object>> publicJwks();

    /**
     * @param sessionId set for Tollgate's own tokens (logout revokes them); null for an external issuer's
     * @param email     the verified email claim, how an external issuer's user is matched
     */
    record Claims(UUID userId, UUID sessionId, String email, Instant expiresAt) {
    }
}
