package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A server-to-server credential of one organization, sent as {@code Authorization: Bearer tg_...}. Only a hash of
 * the secret is kept; the first characters ({@link #prefix}) stay visible so people can tell keys apart.
 */
public record ApiKey(UUID id, String publicId, UUID organizationId, UUID createdBy, String name, String prefix,
                     String secretHash, Set<String> scopes, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public static final String SECRET_PREFIX = "tg_";
    public static final int VISIBLE_PREFIX_LENGTH = 11;

    /** The new key and its plaintext, which the caller sees exactly once. */
    public record Issued(ApiKey key, String plaintext) {
    }

    public static Issued issue(UUID organizationId, UUID createdBy, String name, Set<String> scopes, Instant now) {
        return issueWithSecret(organizationId, createdBy, name, scopes, Secrets.generate(SECRET_PREFIX), now);
    }

    /** For operators who provision a known key (TOLLGATE_ADMIN_API_KEY); it must look like one we would issue. */
    public static Issued issueWithSecret(UUID organizationId, UUID createdBy, String name, Set<String> scopes, String plaintext,
                                         Instant now) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ValidationException("name", "must be 1 to 100 characters");
        }
        if (plaintext == null || !plaintext.startsWith(SECRET_PREFIX) || plaintext.length() < 32) {
            throw new ValidationException("key", "must start with '" + SECRET_PREFIX + "' and be at least 32 characters");
        }
        UUID id = TypeId.newUuid();
        ApiKey key = new ApiKey(id, TypeId.format("key", id), organizationId, createdBy, name.strip(),
                plaintext.substring(0, VISIBLE_PREFIX_LENGTH), Secrets.hash(plaintext), Set.copyOf(scopes), now, null, null);
        return new Issued(key, plaintext);
    }

    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(SECRET_PREFIX);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public ApiKey revoke(Instant now) {
        return revokedAt != null ? this
                : new ApiKey(id, publicId, organizationId, createdBy, name, prefix, secretHash, scopes, createdAt, lastUsedAt, now);
    }
}
