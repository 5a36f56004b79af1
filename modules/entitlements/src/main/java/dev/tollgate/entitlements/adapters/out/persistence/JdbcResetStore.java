package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.ResetStore;
import dev.tollgate.entitlements.domain.ResetRecord;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

@Singleton
final class JdbcResetStore implements ResetStore {
    private final ResetRowRepository rows;

    JdbcResetStore(ResetRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(ResetRecord r) {
        rows.save(new ResetRow(r.id(), r.entitlementId(), r.at(), r.retainAnchor(), r.preserveOverage(), r.createdAt()));
    }

    @Override
    public List<ResetRecord> ofEntitlement(UUID entitlementId) {
        return rows.findByEntitlementIdOrderByAt(entitlementId).stream()
                .map(r -> new ResetRecord(r.id(), r.entitlementId(), r.at(), r.retainAnchor(), r.preserveOverage(), r.createdAt())).toList();
    }
}
