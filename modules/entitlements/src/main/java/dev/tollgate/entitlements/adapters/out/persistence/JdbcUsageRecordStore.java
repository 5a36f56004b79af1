package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.UsageRecordStore;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

@Singleton
final class JdbcUsageRecordStore implements UsageRecordStore {
    private final JdbcOperations jdbc;

    JdbcUsageRecordStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long insert(UUID organizationId, String featureKey, long quantity, String metadataJson, UUID recordedBy, Instant at) {
        String sql = "INSERT INTO entitlements.usage_records (organization_id, feature_key, quantity, metadata, recorded_by, created_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?) RETURNING id";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, Arrays.asList(organizationId, featureKey, quantity, metadataJson, recordedBy, timestamp(at)));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record usage", e);
        }
    }
}
