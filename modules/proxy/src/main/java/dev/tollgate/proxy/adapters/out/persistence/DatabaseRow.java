package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "databases", schema = "proxy")
record DatabaseRow(@Id UUID id, UUID projectId, String host, int port, String name, String username, String sealedPassword,
                   String sslMode, String role, int poolSize, int minPoolSize, int maxActive, String poolMode,
                   boolean cacheEnabled, int cacheTtlSeconds, int cacheMaxEntries, int cacheSwrSeconds, String poolRegion,
                   int queryTimeoutMs, boolean autoReadRouting, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}
