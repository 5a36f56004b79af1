package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A credential for one branch (ADR 0056): a real PostgreSQL role on the data cluster with the privileges its
 * {@link AccessRole} means, and the same user name and password at the proxy. PlanetScale's passwords may expire (their
 * TTL in minutes, 0 for never) and be renewed by another TTL; role credentials ({@code createRole}) never expire. The
 * password is held sealed under the master key: the proxy needs it again to log in upstream.
 */
public record BranchLogin(UUID id, UUID branchId, Kind kind, String name, AccessRole access, String username, String sealedPassword,
                          long ttlSeconds, Instant expiresAt, boolean created, Instant createdAt, Instant deletedAt, boolean dropped) {
    /** PlanetScale's limit on a password's life is not documented; a year bounds what a renewal can reach. */
    public static final long MAX_TTL_MINUTES = 525_600;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Kind { PASSWORD, ROLE }

    public static BranchLogin create(UUID branchId, Kind kind, String name, AccessRole access, String sealedPassword, UUID id,
                                     long ttlSeconds, Instant now) {
        String username = ManagedIdentifier.require((kind == Kind.PASSWORD ? "pw_" : "role_") + TypeId.format("x", id).substring(2));
        return new BranchLogin(id, branchId, kind, name, access, username, sealedPassword, ttlSeconds,
                ttlSeconds == 0 ? null : now.plusSeconds(ttlSeconds), false, now, null, false);
    }

    /** PlanetScale's {@code ttl}: minutes, a whole number, 0 for no expiry. */
    public static long ttlSeconds(Double minutes) {
        if (minutes == null || minutes == 0) {
            return 0;
        }
        if (minutes < 0 || minutes != Math.floor(minutes) || minutes > MAX_TTL_MINUTES) {
            throw new ValidationException("ttl", "must be a whole number of minutes between 0 and " + MAX_TTL_MINUTES);
        }
        return Duration.ofMinutes(minutes.longValue()).toSeconds();
    }

    /** A new password: 32 random bytes, URL-safe Base64 (43 characters), under a prefix secret scanners recognize. */
    public static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tgpw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String checkName(String name) {
        if (name == null) {
            return null;
        }
        return Limits.text("name", name, 1, 100, true);
    }

    /** The id of the credential, with PlanetScale's prefix for its kind. */
    public String publicId() {
        return TypeId.format(kind == Kind.PASSWORD ? "pw" : "role", id);
    }

    public static String passwordContext(UUID loginId) {
        return "proxy.branch-login.password:" + loginId;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean renewable() {
        return ttlSeconds > 0;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Another TTL from now; the role's expiry is then moved on the cluster (so the login is unsettled until it is). */
    public BranchLogin renewed(Instant now) {
        if (!renewable()) {
            throw new ValidationException("password", "has no expiration, so it cannot be renewed");
        }
        return new BranchLogin(id, branchId, kind, name, access, username, sealedPassword, ttlSeconds, now.plusSeconds(ttlSeconds), false,
                createdAt, deletedAt, dropped); // owed to the cluster again: its role's VALID UNTIL moves
    }

    public BranchLogin createdOnCluster() {
        return new BranchLogin(id, branchId, kind, name, access, username, sealedPassword, ttlSeconds, expiresAt, true, createdAt,
                deletedAt, dropped);
    }

    public BranchLogin deleted(Instant now) {
        return new BranchLogin(id, branchId, kind, name, access, username, sealedPassword, ttlSeconds, expiresAt, created, createdAt, now,
                dropped);
    }

    public BranchLogin droppedFromCluster() {
        return new BranchLogin(id, branchId, kind, name, access, username, sealedPassword, ttlSeconds, expiresAt, created, createdAt,
                deletedAt, true);
    }
}
