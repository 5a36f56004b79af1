package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcGrantStore implements GrantStore {
    private static final String COLUMNS = "g.id, g.namespace, g.entitlement_id, g.amount, g.priority, g.effective_at, g.expiration_duration, "
            + "g.expiration_count, g.expires_at, g.max_rollover, g.min_rollover, g.recurrence_interval, g.recurrence_anchor, g.metadata::text, "
            + "g.annotations::text, g.created_at, g.updated_at, g.deleted_at, g.voided_at";
    /** OpenMeter's GrantOrderBy. */
    private static final Map<String, String> ORDER = Map.of("id", "g.id", "createdAt", "g.created_at", "updatedAt", "g.updated_at");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcGrantStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Grant g) {
        String upsert = "INSERT INTO entitlements.grants (" + COLUMNS.replace("::text", "").replace("g.", "") + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, deleted_at = excluded.deleted_at, voided_at = excluded.voided_at, "
                + "expires_at = excluded.expires_at";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(upsert)) {
            UsagePeriod r = g.recurrence();
            Sql.bind(s, Arrays.asList(g.id(), g.namespace(), g.entitlementId(), g.amount(), g.priority(), timestamp(g.effectiveAt()),
                    g.expirationDuration(), g.expirationCount(), timestamp(g.expiresAt()), g.maxRollover(), g.minRollover(),
                    r == null ? null : r.interval().text(), r == null ? null : timestamp(r.anchor()), json(g.metadata()), json(g.annotations()),
                    timestamp(g.createdAt()), timestamp(g.updatedAt()), timestamp(g.deletedAt()), timestamp(g.voidedAt())));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save grant " + g.id(), e);
        }
    }

    @Override
    public Optional<Grant> find(UUID namespace, UUID id) {
        return query("SELECT " + COLUMNS + " FROM entitlements.grants g WHERE g.namespace = ? AND g.id = ?", List.of(namespace, id))
                .stream().findFirst();
    }

    @Override
    public List<Grant> ofEntitlement(UUID entitlementId) {
        return query("SELECT " + COLUMNS + " FROM entitlements.grants g WHERE g.entitlement_id = ? ORDER BY g.created_at, g.id",
                List.of(entitlementId));
    }

    @Override
    public Page<Grant> list(UUID namespace, GrantFilter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" FROM entitlements.grants g JOIN entitlements.entitlements e ON e.id = g.entitlement_id"
                + " WHERE g.namespace = ?");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (!f.includeDeleted()) {
            where.append(" AND g.deleted_at IS NULL");
        }
        if (!f.entitlementIds().isEmpty()) {
            where.append(" AND g.entitlement_id = ANY(?)");
            parameters.add(f.entitlementIds().toArray(UUID[]::new));
        }
        if (!f.customerIds().isEmpty()) {
            where.append(" AND e.customer_id = ANY(?)");
            parameters.add(f.customerIds().toArray(UUID[]::new));
        }
        if (!f.featureKeys().isEmpty()) {
            where.append(" AND e.feature_key = ANY(?)");
            parameters.add(f.featureKeys().toArray(String[]::new));
        }
        String direction = f.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(f.orderBy(), "g.created_at") + direction + ", g.id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Grant> items = query("SELECT " + COLUMNS + where + order + " LIMIT ? OFFSET ?", paged);
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    private List<Grant> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<Grant> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String interval = rs.getString(12);
                    UsagePeriod recurrence = interval == null ? null
                            : new UsagePeriod(IsoDuration.parse(interval).orElseThrow(), instant(rs.getTimestamp(13)));
                    found.add(new Grant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getBigDecimal(4),
                            rs.getInt(5), instant(rs.getTimestamp(6)), rs.getString(7), rs.getObject(8, Integer.class), instant(rs.getTimestamp(9)),
                            rs.getBigDecimal(10), rs.getBigDecimal(11), recurrence, JsonColumns.stringMap(json, rs.getString(14)),
                            JsonColumns.objectMap(json, rs.getString(15)), instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)),
                            instant(rs.getTimestamp(18)), instant(rs.getTimestamp(19))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read grants", e);
        }
    }

    private String json(Object value) {
        return value == null ? null : JsonColumns.write(json, value);
    }
}
