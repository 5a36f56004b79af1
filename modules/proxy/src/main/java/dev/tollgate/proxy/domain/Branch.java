package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Instant;
import java.util.UUID;

/**
 * A branch of a managed database (ADR 0056): one PostgreSQL database on the data cluster, with its own owner role.
 * Created from nothing (the production branch) or copied from its parent; rows are written before the cluster is
 * touched, so a failed creation or drop is repeated ({@code ready}, {@code dropped}) until it succeeds.
 *
 * @param clusterDatabase the database's name on the cluster (a {@link ManagedIdentifier} Tollgate made up)
 * @param template        the cluster database it is copied from, or null for an empty one
 * @param withData        whether the copy keeps the parent's rows (PlanetScale's data branching) or only its schema
 * @param restoredFrom    the backup restored into the (then empty) database, or null (ADR 0072)
 */
public record Branch(UUID id, UUID projectId, String name, String parentBranch, boolean production, String clusterSize,
                     String dataCluster, String clusterDatabase, String ownerRole, String template, boolean withData, boolean ready,
                     boolean dropped, Instant schemaLastUpdatedAt, Instant createdAt, Instant updatedAt, Instant deletedAt,
                     UUID restoredFrom) {
    public static final String DEFAULT_NAME = "main";

    /** A branch to create on {@code dataCluster}; its cluster names derive from its id. */
    public static Branch create(UUID projectId, String name, String parentBranch, boolean production, String clusterSize,
                                String dataCluster, String template, boolean withData, Instant now) {
        UUID id = TypeId.newUuid();
        String database = "tg_" + TypeId.format("br", id).substring(3);
        return new Branch(id, projectId, ManagedDatabase.checkName("name", name), parentBranch, production, clusterSize, dataCluster,
                ManagedIdentifier.require(database), ManagedIdentifier.require(database + "_owner"), template, withData, false, false,
                now, now, now, null, null);
    }

    /** The same branch to be made as an empty database the backup {@code backupId} is restored into (ADR 0072). */
    public Branch restoring(UUID backupId) {
        return new Branch(id, projectId, name, parentBranch, production, clusterSize, dataCluster, clusterDatabase, ownerRole, null,
                false, ready, dropped, schemaLastUpdatedAt, createdAt, updatedAt, deletedAt, backupId);
    }

    public String publicId() {
        return TypeId.format("br", id);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Branch readied(Instant now) {
        return new Branch(id, projectId, name, parentBranch, production, clusterSize, dataCluster, clusterDatabase, ownerRole, template,
                withData, true, dropped, schemaLastUpdatedAt, createdAt, now, deletedAt, restoredFrom);
    }

    public Branch resized(String newSize, Instant now) {
        return new Branch(id, projectId, name, parentBranch, production, newSize, dataCluster, clusterDatabase, ownerRole, template,
                withData, ready, dropped, schemaLastUpdatedAt, createdAt, now, deletedAt, restoredFrom);
    }

    public Branch deleted(Instant now) {
        return new Branch(id, projectId, name, parentBranch, production, clusterSize, dataCluster, clusterDatabase, ownerRole, template,
                withData, ready, dropped, schemaLastUpdatedAt, createdAt, now, now, restoredFrom);
    }

    public Branch droppedFromCluster(Instant now) {
        return new Branch(id, projectId, name, parentBranch, production, clusterSize, dataCluster, clusterDatabase, ownerRole, template,
                withData, ready, true, schemaLastUpdatedAt, createdAt, now, deletedAt, restoredFrom);
    }
}
