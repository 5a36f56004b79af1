package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;

/**
 * A named pool of a managed branch (PlanetScale's bouncer, ADR 0056): clients name it in their connection (user
 * {@code <user>|<bouncer>} or option {@code bouncer=<name>}) to share its upstream connections, sized on their own and
 * pooled in their own mode, apart from the branch's default pools.
 */
public record Bouncer(UUID id, UUID branchId, String name, int poolSize, PoolMode poolMode, Instant createdAt, Instant updatedAt,
                      Instant deletedAt) {

    /** @param maxPoolSize what the branch's cluster size allows (its client connection limit) */
    public static Bouncer create(UUID branchId, String name, Integer poolSize, int defaultPoolSize, int maxPoolSize, String poolMode,
                                 Instant now) {
        int size = poolSize == null ? defaultPoolSize : poolSize;
        if (size < 1 || size > maxPoolSize) {
            throw new ValidationException("pool_size", "must be between 1 and " + maxPoolSize + " (the branch's cluster size)");
        }
        return new Bouncer(TypeId.newUuid(), branchId, ManagedDatabase.checkName("name", name), size,
                poolMode == null ? PoolMode.TRANSACTION : PoolMode.parse("pool_mode", poolMode), now, now, null);
    }

    public String publicId() {
        return TypeId.format("bnc", id);
    }

    public Bouncer deleted(Instant now) {
        return new Bouncer(id, branchId, name, poolSize, poolMode, createdAt, now, now);
    }

    /** The upstream connections a credential shares through this bouncer: one pool per credential and bouncer. */
    public UUID poolKey(UUID loginId) {
        return UUID.nameUUIDFromBytes((loginId + "|" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
