package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "branches", schema = "proxy")
record BranchRow(@Id UUID id, UUID projectId, String name, @Nullable String parentBranch, boolean production, String clusterSize,
                 String dataCluster, String clusterDatabase, String ownerRole, @Nullable String template, boolean withData, boolean ready,
                 boolean dropped, Instant schemaLastUpdatedAt, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt,
                 @Nullable UUID restoredFrom) {
}
