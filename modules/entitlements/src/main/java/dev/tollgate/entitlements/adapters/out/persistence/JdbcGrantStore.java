package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.entitlements.domain.UsagePeriod;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Grants through their repository; only the filtered, ordered listing is explicit SQL (ADR 0029). */
@Singleton
final class JdbcGrantStore implements GrantStore {
    /** OpenMeter's GrantOrderBy. */
    private static final Map<String, String> ORDER = Map.of("id", "g.id", "createdAt", "g.created_at", "updatedAt", "g.updated_at");
    private final GrantRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcGrantStore(GrantRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(Grant g) {
        Rows.upsert(rows, g.id(), toRow(g));
    }

    @Override
    public Optional<Grant> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcGrantStore::toDomain);
    }

    @Override
    public List<Grant> ofEntitlement(UUID entitlementId) {
        return rows.ofEntitlement(entitlementId).stream().map(JdbcGrantStore::toDomain).toList();
    }

    @Override
    public List<Grant> claimExpired(UUID namespace, java.time.Instant now, int limit) {
        List<UUID> ids = Sql.query(jdbc, "UPDATE entitlements.grants SET expiry_announced_at = ? WHERE id IN (SELECT id FROM entitlements.grants"
                + " WHERE namespace = ? AND expires_at IS NOT NULL AND expires_at <= ? AND expiry_announced_at IS NULL"
                + " AND (voided_at IS NULL OR voided_at > expires_at) AND (deleted_at IS NULL OR deleted_at > expires_at)"
                + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id",
                List.of(java.sql.Timestamp.from(now), namespace, java.sql.Timestamp.from(now), limit), rs -> rs.getObject(1, UUID.class));
        return ids.isEmpty() ? List.of() : rows.findByIdIn(ids).stream().map(JdbcGrantStore::toDomain)
                .sorted(java.util.Comparator.comparing(Grant::expiresAt)).toList();
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
        List<Grant> items = Sql.rows(jdbc, GrantRow.class, "SELECT g.*" + where + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(JdbcGrantStore::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    private static GrantRow toRow(Grant g) {
        UsagePeriod r = g.recurrence();
        return new GrantRow(g.id(), g.namespace(), g.entitlementId(), g.amount(), g.priority(), g.effectiveAt(), g.expirationDuration(),
                g.expirationCount(), g.expiresAt(), g.maxRollover(), g.minRollover(), r == null ? null : r.interval().text(),
                r == null ? null : r.anchor(), g.metadata(), g.annotations(), g.createdAt(), g.updatedAt(), g.deletedAt(), g.voidedAt());
    }

    private static Grant toDomain(GrantRow r) {
        UsagePeriod recurrence = r.recurrenceInterval() == null ? null
                : new UsagePeriod(IsoDuration.parse(r.recurrenceInterval()).orElseThrow(), r.recurrenceAnchor());
        return new Grant(r.id(), r.namespace(), r.entitlementId(), r.amount(), r.priority(), r.effectiveAt(), r.expirationDuration(),
                r.expirationCount(), r.expiresAt(), r.maxRollover(), r.minRollover(), recurrence, r.metadata(), r.annotations(), r.createdAt(),
                r.updatedAt(), r.deletedAt(), r.voidedAt());
    }
}
