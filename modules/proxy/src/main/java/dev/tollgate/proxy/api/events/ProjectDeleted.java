package dev.tollgate.proxy.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A project (PgBeam's project, PlanetScale's database) was deleted: it accepts no new connection, and every node drops
 * the connections it still holds to it.
 *
 * @param projectId the project's UUID (its {@code prj_…} id is the same UUID)
 */
public record ProjectDeleted(UUID organizationId, UUID projectId, Instant deletedAt) {
}
