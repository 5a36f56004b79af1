package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "branch_logins", schema = "proxy")
record BranchLoginRow(@Id UUID id, UUID branchId, String kind, @Nullable String name, String access, String username,
                      String sealedPassword, long ttlSeconds, @Nullable Instant expiresAt, boolean created, Instant createdAt,
                      @Nullable Instant deletedAt, boolean dropped) {
}
