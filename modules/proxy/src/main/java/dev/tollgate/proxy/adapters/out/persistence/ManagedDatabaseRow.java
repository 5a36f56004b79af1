package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "managed_databases", schema = "proxy")
record ManagedDatabaseRow(@Id UUID projectId, UUID organizationId, String name, String dataCluster, String region, String plan,
                          String clusterSize, String defaultBranch, boolean productionBranchWebConsole, boolean insightsEnabled,
                          @Nullable String migrationFramework, @Nullable String migrationTableName, boolean requireApprovalForDeploy,
                          boolean allowDataBranching, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}
