package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.tenancy.api.Caller;

/**
 * PlanetScale's databases (ADR 0056): projects whose branches Tollgate creates on the data cluster of their region.
 * {@code organization} is the organization's id or slug, {@code database} the database's name.
 */
public interface ManageManagedDatabasesUseCase {
    Page<DatabaseView> list(Caller caller, String organization, PageRequest page);

    /** Creates the database with its production branch {@code main} (ready once the cluster has created it). */
    DatabaseView create(Caller caller, String organization, CreateDatabaseCommand command);

    DatabaseView get(Caller caller, String organization, String database);

    DatabaseView updateSettings(Caller caller, String organization, String database, UpdateSettingsCommand command);

    /** Deletes the database and all of its branches and credentials: their databases and roles are dropped. */
    void delete(Caller caller, String organization, String database);

    /** @param ready whether the production branch accepts connections (PlanetScale's state {@code ready}, else {@code pending}) */
    record DatabaseView(ManagedDatabase database, Project project, Region region, boolean ready) {
    }

    record CreateDatabaseCommand(String name, String plan, String clusterSize, String region) {
    }

    /** Null fields stay as they are. */
    record UpdateSettingsCommand(String defaultBranch, Boolean productionBranchWebConsole, Boolean insightsEnabled,
                                 String migrationFramework, String migrationTableName, Boolean requireApprovalForDeploy,
                                 Boolean allowDataBranching) {
    }
}
