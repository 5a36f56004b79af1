package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.EntitlementSyncSchedule;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code billing.subscription_entitlement_sync}: one row per subscription with a sync ahead, claimed by due time. */
@Singleton
final class JdbcEntitlementSyncSchedule implements EntitlementSyncSchedule {
    private final JdbcOperations jdbc;

    JdbcEntitlementSyncSchedule(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(UUID namespace, UUID subscriptionId, Instant at) {
        if (at == null) {
            Sql.update(jdbc, "DELETE FROM billing.subscription_entitlement_sync WHERE subscription_id = ?", List.of(subscriptionId));
        } else {
            Sql.update(jdbc, "INSERT INTO billing.subscription_entitlement_sync (subscription_id, namespace, next_sync_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (subscription_id) DO UPDATE SET next_sync_at = EXCLUDED.next_sync_at",
                    List.of(subscriptionId, namespace, Sql.timestamp(at)));
        }
    }

    @Override
    public List<Due> claim(Instant now, int limit) {
        return jdbc.prepareStatement("SELECT namespace, subscription_id FROM billing.subscription_entitlement_sync WHERE next_sync_at <= ?"
                + " ORDER BY next_sync_at LIMIT ? FOR UPDATE SKIP LOCKED", statement -> {
                    Sql.bind(statement, List.of(Sql.timestamp(now), limit));
                    List<Due> out = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                        }
                    }
                    return out;
                });
    }

}
