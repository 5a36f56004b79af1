package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.application.port.out.SubjectStore;
import dev.tollgate.metering.domain.Subject;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSubjectStore implements SubjectStore {
    private static final String COLUMNS = "id, namespace, key, display_name, metadata::text, current_period_start, current_period_end, "
            + "stripe_customer_id, created_at, updated_at, deleted_at";
    private final JdbcOperations jdbc;

    JdbcSubjectStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Subject s) {
        String sql = """
                INSERT INTO metering.subjects (id, namespace, key, display_name, metadata, current_period_start, current_period_end,
                    stripe_customer_id, created_at, updated_at, deleted_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, metadata = excluded.metadata,
                    current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
                    stripe_customer_id = excluded.stripe_customer_id, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at""";
        try (PreparedStatement p = jdbc.getConnection().prepareStatement(sql)) {
            p.setObject(1, s.id());
            p.setObject(2, s.namespace());
            p.setString(3, s.key());
            p.setString(4, s.displayName());
            p.setString(5, s.metadata());
            p.setTimestamp(6, timestamp(s.currentPeriodStart()));
            p.setTimestamp(7, timestamp(s.currentPeriodEnd()));
            p.setString(8, s.stripeCustomerId());
            p.setTimestamp(9, timestamp(s.createdAt()));
            p.setTimestamp(10, timestamp(s.updatedAt()));
            p.setTimestamp(11, timestamp(s.deletedAt()));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save subject " + s.key(), e);
        }
    }

    @Override
    public Optional<Subject> findLive(UUID namespace, UUID id) {
        return query("SELECT " + COLUMNS + " FROM metering.subjects WHERE namespace = ? AND id = ? AND deleted_at IS NULL", namespace, id)
                .stream().findFirst();
    }

    @Override
    public Optional<Subject> findLiveByKey(UUID namespace, String key) {
        return query("SELECT " + COLUMNS + " FROM metering.subjects WHERE namespace = ? AND key = ? AND deleted_at IS NULL", namespace, key)
                .stream().findFirst();
    }

    @Override
    public List<Subject> listLive(UUID namespace) {
        return query("SELECT " + COLUMNS + " FROM metering.subjects WHERE namespace = ? AND deleted_at IS NULL ORDER BY key", namespace);
    }

    private List<Subject> query(String sql, Object... parameters) {
        try (PreparedStatement p = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(p, List.of(parameters));
            List<Subject> found = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(new Subject(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8),
                            instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read subjects", e);
        }
    }
}
