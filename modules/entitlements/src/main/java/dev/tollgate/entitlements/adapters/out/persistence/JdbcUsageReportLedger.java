package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.UsageReportLedger;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** The ledger is a claim under a primary key, explicit JDBC (ADR 0029): INSERT ... ON CONFLICT DO NOTHING. */
@Singleton
final class JdbcUsageReportLedger implements UsageReportLedger {
    private final JdbcOperations jdbc;

    JdbcUsageReportLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(Provider provider, String externalId, Instant hour, Map<String, BigDecimal> quantities, Instant now) {
        int inserted = 0;
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("""
                INSERT INTO entitlements.marketplace_usage_reports (provider, external_id, hour, dimension, quantity, reported_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (var q : quantities.entrySet()) {
                s.setString(1, provider.key());
                s.setString(2, externalId);
                s.setTimestamp(3, Timestamp.from(hour));
                s.setString(4, q.getKey());
                s.setBigDecimal(5, q.getValue());
                s.setTimestamp(6, Timestamp.from(now));
                inserted += s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the usage report of " + externalId + " at " + hour, e);
        }
        // All of an hour's dimensions are written together, so any one already present means the hour was sent.
        return inserted == quantities.size();
    }
}
