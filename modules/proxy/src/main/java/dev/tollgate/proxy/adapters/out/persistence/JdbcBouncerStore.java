package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.proxy.application.port.out.BouncerStore;
import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.proxy.domain.PoolMode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcBouncerStore implements BouncerStore {
    private final BouncerRowRepository rows;

    JdbcBouncerStore(BouncerRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Bouncer b) {
        BouncerRow row = new BouncerRow(b.id(), b.branchId(), b.name(), b.poolSize(), b.poolMode().name(), b.createdAt(), b.updatedAt(),
                b.deletedAt());
        UniqueViolations.translate(() -> Rows.upsert(rows, b.id(), row),
                () -> new ConflictException("bouncer_exists", "the branch already has a bouncer named \"" + b.name() + "\""));
    }

    @Override
    public Optional<Bouncer> find(UUID branchId, String name) {
        return rows.findByBranchIdAndNameAndDeletedAtIsNull(branchId, name).map(JdbcBouncerStore::toDomain);
    }

    @Override
    public List<Bouncer> list(UUID branchId) {
        return rows.live(branchId).stream().map(JdbcBouncerStore::toDomain).toList();
    }

    private static Bouncer toDomain(BouncerRow r) {
        return new Bouncer(r.id(), r.branchId(), r.name(), r.poolSize(), PoolMode.valueOf(r.poolMode()), r.createdAt(), r.updatedAt(),
                r.deletedAt());
    }
}
