package dev.tollgate.tenancy.api.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The projects and databases of some organizations, as a person's account export shows them (PgBeam's
 * ExportAccountData): names and addresses, never a password. The proxy keeps them; the deployable bridges this over it.
 */
public interface DataPlaneRecords {
    List<ProjectRecord> projects(Collection<UUID> organizationIds);

    List<DatabaseRecord> databases(Collection<UUID> organizationIds);

    record ProjectRecord(String id, String organizationId, String name, String description, String status, Instant createdAt) {
    }

    record DatabaseRecord(String id, String projectId, String host, int port, String name, String sslMode, String role, Instant createdAt) {
    }
}
