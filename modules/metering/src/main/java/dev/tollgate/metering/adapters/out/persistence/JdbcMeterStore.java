package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterAggregation;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcMeterStore implements MeterStore {
    private static final String COLUMNS = "id, namespace, slug, name, description, aggregation, event_type, event_from, value_property, "
            + "group_by::text, metadata::text, created_at, updated_at, deleted_at";
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcMeterStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Meter m) {
        String sql = """
                INSERT INTO metering.meters (id, namespace, slug, name, description, aggregation, event_type, event_from,
                    value_property, group_by, metadata, created_at, updated_at, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                    group_by = excluded.group_by, metadata = excluded.metadata, updated_at = excluded.updated_at,
                    deleted_at = excluded.deleted_at""";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            s.setObject(1, m.id());
            s.setObject(2, m.namespace());
            s.setString(3, m.slug());
            s.setString(4, m.name());
            s.setString(5, m.description());
            s.setString(6, m.aggregation().name());
            s.setString(7, m.eventType());
            s.setTimestamp(8, timestamp(m.eventFrom()));
            s.setString(9, m.valueProperty());
            s.setString(10, JsonColumns.write(json, m.groupBy()));
            s.setString(11, m.metadata() == null ? null : JsonColumns.write(json, m.metadata()));
            s.setTimestamp(12, timestamp(m.createdAt()));
            s.setTimestamp(13, timestamp(m.updatedAt()));
            s.setTimestamp(14, timestamp(m.deletedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("meter with slug '" + m.slug() + "' already exists");
            }
            throw new IllegalStateException("could not save meter " + m.slug(), e);
        }
    }

    @Override
    public Optional<Meter> findLive(UUID namespace, UUID id) {
        return one("SELECT " + COLUMNS + " FROM metering.meters WHERE namespace = ? AND id = ? AND deleted_at IS NULL", namespace, id);
    }

    @Override
    public Optional<Meter> findLiveBySlug(UUID namespace, String slug) {
        return one("SELECT " + COLUMNS + " FROM metering.meters WHERE namespace = ? AND slug = ? AND deleted_at IS NULL", namespace, slug);
    }

    @Override
    public List<Meter> list(UUID namespace, boolean includeDeleted) {
        String sql = "SELECT " + COLUMNS + " FROM metering.meters WHERE namespace = ?"
                + (includeDeleted ? "" : " AND deleted_at IS NULL") + " ORDER BY slug, created_at";
        return query(sql, namespace);
    }

    private Optional<Meter> one(String sql, Object... parameters) {
        return query(sql, parameters).stream().findFirst();
    }

    private List<Meter> query(String sql, Object... parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, List.of(parameters));
            List<Meter> meters = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    meters.add(meter(rs));
                }
            }
            return meters;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read meters", e);
        }
    }

    private Meter meter(ResultSet rs) throws SQLException {
        return new Meter(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                MeterAggregation.valueOf(rs.getString(6)), rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9),
                JsonColumns.stringMap(json, rs.getString(10)), JsonColumns.stringMap(json, rs.getString(11)), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
    }


}
