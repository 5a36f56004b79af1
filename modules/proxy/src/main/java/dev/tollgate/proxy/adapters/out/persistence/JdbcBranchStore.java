package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.domain.Branch;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcBranchStore implements BranchStore {
    private final BranchRowRepository rows;

    JdbcBranchStore(BranchRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Branch b) {
        BranchRow row = new BranchRow(b.id(), b.projectId(), b.name(), b.parentBranch(), b.production(), b.clusterSize(), b.dataCluster(),
                b.clusterDatabase(), b.ownerRole(), b.template(), b.withData(), b.ready(), b.dropped(), b.schemaLastUpdatedAt(),
                b.createdAt(), b.updatedAt(), b.deletedAt(), b.restoredFrom());
        UniqueViolations.translate(() -> Rows.upsert(rows, b.id(), row),
                () -> new ConflictException("branch_exists", "the database already has a branch named \"" + b.name() + "\""));
    }

    @Override
    public Optional<Branch> find(UUID projectId, String name) {
        return rows.findByProjectIdAndNameAndDeletedAtIsNull(projectId, name).map(JdbcBranchStore::toDomain);
    }

    @Override
    public Optional<Branch> findById(UUID id) {
        return rows.findByIdAndDeletedAtIsNull(id).map(JdbcBranchStore::toDomain);
    }

    @Override
    public Optional<Branch> findAny(UUID id) {
        return rows.findById(id).map(JdbcBranchStore::toDomain);
    }

    @Override
    public Page<Branch> list(UUID projectId, PageRequest page) {
        return new Page<>(rows.page(projectId, page.limit(), page.offset()).stream().map(JdbcBranchStore::toDomain).toList(),
                rows.countByProjectIdAndDeletedAtIsNull(projectId), page);
    }

    @Override
    public List<Branch> live(UUID projectId) {
        return rows.live(projectId).stream().map(JdbcBranchStore::toDomain).toList();
    }

    @Override
    public List<Branch> unsettled(java.time.Instant before, int limit) {
        return rows.unsettled(before, limit).stream().map(JdbcBranchStore::toDomain).toList();
    }

    private static Branch toDomain(BranchRow r) {
        return new Branch(r.id(), r.projectId(), r.name(), r.parentBranch(), r.production(), r.clusterSize(), r.dataCluster(),
                r.clusterDatabase(), r.ownerRole(), r.template(), r.withData(), r.ready(), r.dropped(), r.schemaLastUpdatedAt(),
                r.createdAt(), r.updatedAt(), r.deletedAt(), r.restoredFrom());
    }
}
