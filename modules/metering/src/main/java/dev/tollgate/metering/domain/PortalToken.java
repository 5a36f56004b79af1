package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A consumer-portal token: lets its bearer read one subject's usage of the allowed meters (all when
 * {@code allowedMeterSlugs} is null) until it expires or is invalidated. Only the secret's SHA-256 is stored.
 */
public record PortalToken(UUID id, UUID namespace, String subject, List<String> allowedMeterSlugs, String tokenHash, Instant expiresAt,
                          Instant createdAt, Instant invalidatedAt) {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PREFIX = "om_portal_";

    /** A new token and its secret, which is shown once. */
    public record Issued(PortalToken token, String secret) {
    }

    public static Issued issue(UUID namespace, String subject, List<String> allowedMeterSlugs, Instant expiresAt, Instant now) {
        if (subject == null || subject.isEmpty()) {
            throw new ValidationException("subject", "is required");
        }
        if (allowedMeterSlugs != null && allowedMeterSlugs.isEmpty()) {
            throw new ValidationException("allowedMeterSlugs", "slug filter cannot be an empty array when provided");
        }
        if (!expiresAt.isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PortalToken token = new PortalToken(TypeId.newUuid(), namespace, subject, allowedMeterSlugs == null ? null : List.copyOf(allowedMeterSlugs),
                hash(secret), expiresAt, now, null);
        return new Issued(token, secret);
    }

    public static String hash(String secret) {
        return Sha256.hex(secret);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether the bearer may read {@code meterSlug} now. */
    public boolean allows(String meterSlug, Instant now) {
        return invalidatedAt == null && !expired(now) && (allowedMeterSlugs == null || allowedMeterSlugs.contains(meterSlug));
    }

    public String ulid() {
        return Ulid.of(id);
    }
}
