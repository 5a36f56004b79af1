package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.UsageRecordStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

@Singleton
final class JdbcUsageRecordStore implements UsageRecordStore {
    private final UsageRecordRowRepository rows;

    JdbcUsageRecordStore(UsageRecordRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public long insert(UUID organizationId, String featureKey, long quantity, String metadataJson, UUID recordedBy, Instant at) {
        return rows.save(new UsageRecordRow(null, organizationId, featureKey, quantity, metadataJson, recordedBy, at)).id();
    }
}
