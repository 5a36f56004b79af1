package dev.tollgate.proxy.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A managed database's branch is ready for connections (its database exists on the data cluster; ADR 0056): what
 * PlanetScale's webhooks call {@code branch.ready}. Carries the branch as PlanetScale shows it.
 *
 * @param projectId the database's project id ({@code prj_…}), the scope of the database's webhooks
 * @param database  the database's name
 */
public record BranchReady(UUID organizationId, String projectId, String database, String branchId, String branch, boolean production,
                          String parentBranch, String clusterSize, String region, String regionName, Instant createdAt, Instant occurredAt) {
}
