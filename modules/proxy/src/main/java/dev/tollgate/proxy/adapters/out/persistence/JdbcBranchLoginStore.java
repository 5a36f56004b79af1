package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.domain.AccessRole;
import dev.tollgate.proxy.domain.BranchLogin;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcBranchLoginStore implements BranchLoginStore {
    private final BranchLoginRowRepository rows;

    JdbcBranchLoginStore(BranchLoginRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(BranchLogin l) {
        Rows.upsert(rows, l.id(), new BranchLoginRow(l.id(), l.branchId(), l.kind().name(), l.name(), l.access().wire(), l.username(),
                l.sealedPassword(), l.ttlSeconds(), l.expiresAt(), l.created(), l.createdAt(), l.deletedAt(), l.dropped()));
    }

    @Override
    public Optional<BranchLogin> findById(UUID id) {
        return rows.findByIdAndDeletedAtIsNull(id).map(JdbcBranchLoginStore::toDomain);
    }

    @Override
    public Optional<BranchLogin> findByUsername(String username) {
        return rows.findByUsernameAndDeletedAtIsNull(username).map(JdbcBranchLoginStore::toDomain);
    }

    @Override
    public Page<BranchLogin> list(UUID branchId, BranchLogin.Kind kind, PageRequest page) {
        return new Page<>(rows.page(branchId, kind.name(), page.limit(), page.offset()).stream().map(JdbcBranchLoginStore::toDomain).toList(),
                rows.countByBranchIdAndKindAndDeletedAtIsNull(branchId, kind.name()), page);
    }

    @Override
    public List<BranchLogin> live(UUID branchId) {
        return rows.live(branchId).stream().map(JdbcBranchLoginStore::toDomain).toList();
    }

    @Override
    public List<BranchLogin> unsettled(java.time.Instant before, int limit) {
        return rows.unsettled(before, limit).stream().map(JdbcBranchLoginStore::toDomain).toList();
    }

    private static BranchLogin toDomain(BranchLoginRow r) {
        return new BranchLogin(r.id(), r.branchId(), BranchLogin.Kind.valueOf(r.kind()), r.name(), AccessRole.ofWire(r.access()).orElseThrow(),
                r.username(), r.sealedPassword(), r.ttlSeconds(), r.expiresAt(), r.created(), r.createdAt(), r.deletedAt(), r.dropped());
    }
}
