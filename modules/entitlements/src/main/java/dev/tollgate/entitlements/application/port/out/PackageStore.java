package dev.tollgate.entitlements.application.port.out;

import dev.tollgate.entitlements.domain.WorkspacePackage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Provisioned packages (php-tenant's entitlements). */
public interface PackageStore {
    /** Stores a new package and returns it with its id. */
    WorkspacePackage insert(WorkspacePackage created);

    void update(WorkspacePackage changed);

    /**
     * Until the transaction ends, whatever else takes the same lock waits: provisionings of one service, of one person,
     * and changes to one workspace's packages take turns (even before any row exists).
     */
    void lock(String name);

    /** The package, its row locked until the transaction ends so that transitions of one package take turns. */
    Optional<WorkspacePackage> findForUpdate(long id);

    Optional<WorkspacePackage> find(long id);

    Optional<WorkspacePackage> findByService(UUID partnerId, String blestaServiceId);

    /** The organization's packages, oldest first. */
    List<WorkspacePackage> ofOrganization(UUID organizationId);
}
