package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.SchemaCatalog;

/**
 * Reads a branch database's schema off its catalog (ADR 0071): as the cluster's administrator, in a read-only
 * transaction, with fixed statements only (nothing a tenant wrote reaches the SQL).
 */
public interface SchemaCatalogs {
    /** @param database the branch's database on the cluster (a {@code ManagedIdentifier}) */
    SchemaCatalog read(DataCluster cluster, String database);
}
