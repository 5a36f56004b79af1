package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.EntitlementType;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.platform.domain.ConflictException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcEntitlementStore implements EntitlementStore {
    private static final String COLUMNS = "id, namespace, customer_id, customer_key, subject_key, feature_id, feature_key, type, metadata::text, "
            + "annotations::text, active_from, active_to, is_soft_limit, issue_amount, issue_priority, preserve_overage_at_reset, "
            + "usage_period_interval, usage_period_anchor, measure_usage_from, config, created_at, updated_at, deleted_at";
    private static final Map<String, String> ORDER = Map.of("createdAt", "created_at", "updatedAt", "updated_at");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcEntitlementStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Entitlement e) {
        String upsert = "INSERT INTO entitlements.entitlements (" + COLUMNS.replace("::text", "") + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET active_to = excluded.active_to, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(upsert)) {
            UsagePeriod p = e.usagePeriod();
            Sql.bind(s, Arrays.asList(e.id(), e.namespace(), e.customerId(), e.customerKey(), e.subjectKey(), e.featureId(), e.featureKey(),
                    e.type().wire(), json(e.metadata()), json(e.annotations()), timestamp(e.activeFrom()), timestamp(e.activeTo()), e.isSoftLimit(),
                    e.issueAmount(), e.issuePriority(), e.preserveOverageAtReset(), p == null ? null : p.interval().text(),
                    p == null ? null : timestamp(p.anchor()), timestamp(e.measureUsageFrom()), e.config(), timestamp(e.createdAt()),
                    timestamp(e.updatedAt()), timestamp(e.deletedAt())));
            s.executeUpdate();
        } catch (SQLException ex) {
            if ("23505".equals(ex.getSQLState())) {
                throw new ConflictException("entitlement_exists", "the customer already has an entitlement to feature '" + e.featureKey()
                        + "'; delete or override it");
            }
            throw new IllegalStateException("could not save entitlement " + e.id(), ex);
        }
    }

    @Override
    public Optional<Entitlement> find(UUID namespace, UUID id) {
        return query("SELECT " + COLUMNS + " FROM entitlements.entitlements WHERE namespace = ? AND id = ?", List.of(namespace, id))
                .stream().findFirst();
    }

    @Override
    public Optional<Entitlement> findLive(UUID namespace, UUID customerId, String featureKey) {
        return query("SELECT " + COLUMNS + " FROM entitlements.entitlements WHERE namespace = ? AND customer_id = ? AND feature_key = ?"
                + " AND deleted_at IS NULL", List.of(namespace, customerId, featureKey)).stream().findFirst();
    }

    @Override
    public void lock(UUID id) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT 1 FROM entitlements.entitlements WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock entitlement " + id, e);
        }
    }

    @Override
    public Page<Entitlement> list(UUID namespace, EntitlementFilter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" FROM entitlements.entitlements WHERE namespace = ?");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (!f.includeDeleted()) {
            where.append(" AND deleted_at IS NULL");
        }
        if (!f.customerIds().isEmpty()) {
            where.append(" AND customer_id = ANY(?)");
            parameters.add(f.customerIds().toArray(UUID[]::new));
        }
        if (!f.featureKeys().isEmpty()) {
            where.append(" AND feature_key = ANY(?)");
            parameters.add(f.featureKeys().toArray(String[]::new));
        }
        if (!f.types().isEmpty()) {
            where.append(" AND type = ANY(?)");
            parameters.add(f.types().toArray(String[]::new));
        }
        if (f.activeAt() != null) {
            where.append(" AND active_from <= ? AND (active_to IS NULL OR active_to > ?) AND (deleted_at IS NULL OR deleted_at > ?)");
            parameters.addAll(List.of(timestamp(f.activeAt()), timestamp(f.activeAt()), timestamp(f.activeAt())));
        }
        String direction = f.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(f.orderBy(), "created_at") + direction + ", id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Entitlement> items = query("SELECT " + COLUMNS + where + order + " LIMIT ? OFFSET ?", paged);
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    private List<Entitlement> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<Entitlement> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String interval = rs.getString(17);
                    UsagePeriod period = interval == null ? null
                            : new UsagePeriod(IsoDuration.parse(interval).orElseThrow(), instant(rs.getTimestamp(18)));
                    found.add(new Entitlement(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                            EntitlementType.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)), JsonColumns.stringMap(json, rs.getString(9)),
                            JsonColumns.objectMap(json, rs.getString(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                            rs.getBoolean(13), rs.getBigDecimal(14), rs.getInt(15), rs.getBoolean(16), period, instant(rs.getTimestamp(19)),
                            rs.getString(20), instant(rs.getTimestamp(21)), instant(rs.getTimestamp(22)), instant(rs.getTimestamp(23))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read entitlements", e);
        }
    }

    private String json(Object value) {
        return value == null ? null : JsonColumns.write(json, value);
    }
}
