package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.proxy.domain.ManagedDatabase.Settings;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcManagedDatabaseStore implements ManagedDatabaseStore {
    private final ManagedDatabaseRowRepository rows;

    JdbcManagedDatabaseStore(ManagedDatabaseRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(ManagedDatabase d) {
        Settings s = d.settings();
        ManagedDatabaseRow row = new ManagedDatabaseRow(d.projectId(), d.organizationId(), d.name(), d.dataCluster(), d.region(), d.plan(),
                d.clusterSize(), s.defaultBranch(), s.productionBranchWebConsole(), s.insightsEnabled(), s.migrationFramework(),
                s.migrationTableName(), s.requireApprovalForDeploy(), s.allowDataBranching(), d.createdAt(), d.updatedAt(), d.deletedAt());
        UniqueViolations.translate(() -> Rows.upsert(rows, d.projectId(), row),
                () -> new ConflictException("database_exists", "the organization already has a database named \"" + d.name() + "\""));
    }

    @Override
    public Optional<ManagedDatabase> findByName(UUID organizationId, String name) {
        return rows.findByOrganizationIdAndNameAndDeletedAtIsNull(organizationId, name).map(JdbcManagedDatabaseStore::toDomain);
    }

    @Override
    public Optional<ManagedDatabase> findByProject(UUID projectId) {
        return rows.findByProjectIdAndDeletedAtIsNull(projectId).map(JdbcManagedDatabaseStore::toDomain);
    }

    @Override
    public Page<ManagedDatabase> list(UUID organizationId, PageRequest page) {
        return new Page<>(rows.page(organizationId, page.limit(), page.offset()).stream().map(JdbcManagedDatabaseStore::toDomain).toList(),
                rows.countByOrganizationIdAndDeletedAtIsNull(organizationId), page);
    }

    private static ManagedDatabase toDomain(ManagedDatabaseRow r) {
        return new ManagedDatabase(r.projectId(), r.organizationId(), r.name(), r.dataCluster(), r.region(), r.plan(), r.clusterSize(),
                new Settings(r.defaultBranch(), r.productionBranchWebConsole(), r.insightsEnabled(), r.migrationFramework(),
                        r.migrationTableName(), r.requireApprovalForDeploy(), r.allowDataBranching()),
                r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
