package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.SpendCapStore;
import dev.tollgate.entitlements.domain.SpendCap;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSpendCapStore implements SpendCapStore {
    private final SpendCapRowRepository rows;

    JdbcSpendCapStore(SpendCapRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public Optional<SpendCap> find(UUID organizationId) {
        return rows.findById(organizationId).map(JdbcSpendCapStore::cap);
    }

    @Override
    public Optional<SpendCap> lock(UUID organizationId) {
        return rows.lockById(organizationId).map(JdbcSpendCapStore::cap);
    }

    @Override
    public void save(UUID organizationId, String organizationPublicId, SpendCap c, Instant at) {
        rows.upsert(new SpendCapRow(organizationId, organizationPublicId, c.spendLimit(), c.overageEnabled(), c.overageEnabledAt(), c.charges(),
                c.currency(), c.periodStart(), c.periodEnd(), c.alertedPercent(), c.reached(), c.periodStart() == null ? null : at, at));
    }

    @Override
    public List<String> capped() {
        return rows.findCapped();
    }

    private static SpendCap cap(SpendCapRow r) {
        return new SpendCap(r.spendLimit(), r.overageEnabled(), r.overageEnabledAt(), r.charges(), r.currency(), r.periodStart(), r.periodEnd(),
                r.alertedPercent(), r.reached());
    }
}
