package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.DatabaseSpec;
import dev.tollgate.proxy.domain.PoolConfig;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.Caller;

/** Upstream databases registered in a project. */
public interface ManageDatabasesUseCase {

    Page<Database> list(Caller caller, String projectId, PageRequest page);

    Database create(Caller caller, String projectId, DatabaseSpec spec);

    Database get(Caller caller, String projectId, String databaseId);

    Database update(Caller caller, String projectId, String databaseId, UpdateDatabaseCommand command);

    void delete(Caller caller, String projectId, String databaseId);

    /** Really dials the upstream with the stored credentials. */
    ConnectionTest testConnection(Caller caller, String projectId, String databaseId);

    /** The project a database belongs to, for rendering (its proxy host goes into connection strings). */
    Project projectOf(Database database);

    record ConnectionTest(boolean ok, Double latencyMs, String serverVersion, String error) {
    }

    /** Null fields stay as they are. */
    record UpdateDatabaseCommand(String host, Integer port, String name, String username, String password, String sslMode,
                                 String role, PoolConfig poolConfig, CacheConfig cacheConfig, String poolRegion,
                                 Integer queryTimeoutMs, Boolean autoReadRouting) {
    }
}
