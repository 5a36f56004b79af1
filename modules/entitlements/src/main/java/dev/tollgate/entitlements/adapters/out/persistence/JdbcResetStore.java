package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.ResetStore;
import dev.tollgate.entitlements.domain.ResetRecord;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Singleton
final class JdbcResetStore implements ResetStore {
    private final JdbcOperations jdbc;

    JdbcResetStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ResetRecord r) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(
                "INSERT INTO entitlements.resets (id, entitlement_id, at, retain_anchor, preserve_overage, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.bind(s, Arrays.asList(r.id(), r.entitlementId(), timestamp(r.at()), r.retainAnchor(), r.preserveOverage(), timestamp(r.createdAt())));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save reset " + r.id(), e);
        }
    }

    @Override
    public List<ResetRecord> ofEntitlement(UUID entitlementId) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT id, entitlement_id, at, retain_anchor, preserve_overage, created_at"
                + " FROM entitlements.resets WHERE entitlement_id = ? ORDER BY at")) {
            s.setObject(1, entitlementId);
            List<ResetRecord> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new ResetRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs.getTimestamp(3)), rs.getBoolean(4),
                            rs.getObject(5, Boolean.class), instant(rs.getTimestamp(6))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read resets", e);
        }
    }
}
