package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.ManagedDatabase;
import java.util.Optional;
import java.util.UUID;

/** PlanetScale's databases (ADR 0056); deleted ones are never found. */
public interface ManagedDatabaseStore {
    /** @throws dev.tollgate.platform.domain.ConflictException when a live database of the organization has the name */
    void save(ManagedDatabase database);

    Optional<ManagedDatabase> findByName(UUID organizationId, String name);

    Optional<ManagedDatabase> findByProject(UUID projectId);

    Page<ManagedDatabase> list(UUID organizationId, PageRequest page);
}
