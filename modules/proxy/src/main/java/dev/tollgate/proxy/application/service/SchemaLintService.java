package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.UnavailableException;
import dev.tollgate.proxy.application.port.in.LintBranchSchemaUseCase;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.application.port.out.SchemaCatalogs;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.SchemaLint;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;

/**
 * The branch is looked up and the caller's right checked as for reading the branch (READ_PROJECTS); its catalog is then
 * read on the data cluster, outside the control plane's transaction, and linted by the domain's rules (ADR 0071).
 */
@Singleton
class SchemaLintService implements LintBranchSchemaUseCase {
    private final ManagedLookup lookup;
    private final DataClusters clusters;
    private final SchemaCatalogs catalogs;
    private final TransactionOperations<Connection> transactions;

    SchemaLintService(ManagedLookup lookup, DataClusters clusters, SchemaCatalogs catalogs, TransactionOperations<Connection> transactions) {
        this.lookup = lookup;
        this.clusters = clusters;
        this.catalogs = catalogs;
        this.transactions = transactions;
    }

    @Override
    public List<SchemaLint.Finding> lint(Caller caller, String organization, String database, String branch) {
        Branch b = transactions.executeRead(status -> lookup.branch(lookup.database(caller, organization, database, Capability.READ_PROJECTS),
                branch));
        if (!b.ready()) {
            return List.of(); // its database is still being made: nothing to lint yet
        }
        DataCluster cluster = clusters.named(b.dataCluster()).orElseThrow(() -> new UnavailableException("data_cluster_unavailable",
                "the data cluster holding the branch " + b.name() + " is not configured on this node"));
        return SchemaLint.lint(catalogs.read(cluster, b.clusterDatabase()));
    }
}
