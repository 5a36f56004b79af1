package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
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
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Entitlements through their repository; only the filtered, ordered listing is explicit SQL (ADR 0029). */
@Singleton
final class JdbcEntitlementStore implements EntitlementStore {
    private static final Map<String, String> ORDER = Map.of("createdAt", "created_at", "updatedAt", "updated_at");
    private final EntitlementRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcEntitlementStore(EntitlementRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(Entitlement e) {
        UniqueViolations.translate(() -> rows.upsert(toRow(e)), () -> new ConflictException("entitlement_exists",
                "the customer already has an entitlement to feature '" + e.featureKey() + "'; delete or override it"));
    }

    @Override
    public Optional<Entitlement> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcEntitlementStore::toDomain);
    }

    @Override
    public Optional<Entitlement> findLive(UUID namespace, UUID customerId, String featureKey) {
        return rows.findByNamespaceAndCustomerIdAndFeatureKeyAndDeletedAtIsNull(namespace, customerId, featureKey).map(JdbcEntitlementStore::toDomain);
    }

    @Override
    public void lock(UUID id) {
        rows.lock(id);
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
        List<Entitlement> items = Sql.rows(jdbc, EntitlementRow.class, "SELECT *" + where + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(JdbcEntitlementStore::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    /** The one live entitlement per customer and feature is a partial unique index; the repository wraps its refusal. */
    private static EntitlementRow toRow(Entitlement e) {
        UsagePeriod p = e.usagePeriod();
        return new EntitlementRow(e.id(), e.namespace(), e.customerId(), e.customerKey(), e.subjectKey(), e.featureId(), e.featureKey(),
                e.type().wire(), e.metadata(), e.annotations(), e.activeFrom(), e.activeTo(), e.isSoftLimit(), e.issueAmount(), e.issuePriority(),
                e.preserveOverageAtReset(), p == null ? null : p.interval().text(), p == null ? null : p.anchor(), e.measureUsageFrom(), e.config(),
                e.createdAt(), e.updatedAt(), e.deletedAt());
    }

    private static Entitlement toDomain(EntitlementRow r) {
        UsagePeriod period = r.usagePeriodInterval() == null ? null
                : new UsagePeriod(IsoDuration.parse(r.usagePeriodInterval()).orElseThrow(), r.usagePeriodAnchor());
        return new Entitlement(r.id(), r.namespace(), r.customerId(), r.customerKey(), r.subjectKey(), r.featureId(), r.featureKey(),
                EntitlementType.valueOf(r.type().toUpperCase(Locale.ROOT)), r.metadata(), r.annotations(), r.activeFrom(), r.activeTo(),
                r.softLimit(), r.issueAmount(), r.issuePriority(), r.preserveOverageAtReset(), period, r.measureUsageFrom(), r.config(),
                r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
