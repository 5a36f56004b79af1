package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Backup;
import dev.tollgate.tenancy.api.Caller;

/** Backups of a managed database's branch (ADR 0072): taken by a background worker with the data cluster's pg_dump. */
public interface ManageBackupsUseCase {
    Page<Backup> list(Caller caller, String organization, String database, String branch, PageRequest page);

    /** A pending backup of the branch, taken by the worker soon after. */
    Backup create(Caller caller, String organization, String database, String branch);

    Backup get(Caller caller, String organization, String database, String branch, String backupId);

    /** Removes the backup's row and its dump. */
    void delete(Caller caller, String organization, String database, String branch, String backupId);
}
