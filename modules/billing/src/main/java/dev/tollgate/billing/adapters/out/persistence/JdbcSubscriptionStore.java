package dev.tollgate.billing.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.domain.subscription.PlanReference;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions through their repository; the customer's filtered, ordered listing is explicit SQL read by column name (ADR 0029). */
@Singleton
final class JdbcSubscriptionStore implements SubscriptionStore {
    private static final Map<String, String> ORDER = Map.of("activeFrom", "s.active_from", "activeTo", "s.active_to");
    private final SubscriptionRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcSubscriptionStore(SubscriptionRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(Subscription s) {
        Rows.upsert(rows, s.id(), toRow(s));
    }

    @Override
    public Optional<Subscription> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcSubscriptionStore::toDomain);
    }

    @Override
    public List<Subscription> findAll(UUID namespace, java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : rows.findByNamespaceAndIdIn(namespace, ids).stream().map(JdbcSubscriptionStore::toDomain).toList();
    }

    @Override
    public void lockCustomer(UUID namespace, String customerId) {
        rows.lock("billing.subscriptions:" + namespace + ":" + customerId);
    }

    @Override
    public List<Subscription> ofCustomer(UUID namespace, String customerId) {
        return rows.findByNamespaceAndCustomerIdAndDeletedAtIsNullOrderByActiveFrom(namespace, customerId).stream()
                .map(JdbcSubscriptionStore::toDomain).toList();
    }

    @Override
    public Page<Subscription> list(UUID namespace, String customerId, List<SubscriptionStatus> statuses, String orderBy, boolean descending,
                                   PageRequest page, Instant now) {
        List<Object> parameters = new ArrayList<>(List.of(namespace, customerId));
        StringBuilder where = new StringBuilder(" FROM billing.subscriptions s WHERE s.namespace = ? AND s.customer_id = ? AND s.deleted_at IS NULL");
        if (!statuses.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (SubscriptionStatus status : statuses) {
                any.add(condition(status, now, parameters));
            }
            where.append(" AND (").append(String.join(" OR ", any)).append(")");
        }
        String direction = descending ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(orderBy, "s.active_from") + direction + ", s.id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Subscription> items = Sql.rows(jdbc, SubscriptionRow.class, "SELECT s.*" + where + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(JdbcSubscriptionStore::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    /** {@link Subscription#status} as SQL over the window, for rows that are not deleted. */
    private static String condition(SubscriptionStatus status, Instant now, List<Object> parameters) {
        int uses = switch (status) {
            case SCHEDULED, INACTIVE, ACTIVE -> 1;
            case CANCELED -> 2;
        };
        for (int i = 0; i < uses; i++) {
            parameters.add(timestamp(now));
        }
        return switch (status) {
            case SCHEDULED -> "(s.active_from > ?)";
            case ACTIVE -> "(s.active_from <= ? AND s.active_to IS NULL)";
            case CANCELED -> "(s.active_from <= ? AND s.active_to > ?)";
            case INACTIVE -> "(s.active_to <= ?)";
        };
    }

    private static SubscriptionRow toRow(Subscription s) {
        PlanReference p = s.plan();
        return new SubscriptionRow(s.id(), s.namespace(), s.customerId(), s.name(), s.description(), s.metadata(), p == null ? null : p.id(),
                p == null ? null : p.key(), p == null ? null : p.version(), s.currency(), s.billingCadence().text(), s.proRating(),
                s.anchorOrigin(), s.activeFrom(), s.activeTo(), s.annotations(), SubscriptionDocuments.phases(s.phases()), s.createdAt(),
                s.updatedAt(), s.deletedAt());
    }

    private static Subscription toDomain(SubscriptionRow r) {
        PlanReference plan = r.planId() == null ? null : new PlanReference(r.planId(), r.planKey(), r.planVersion());
        IsoDuration cadence = IsoDuration.parse(r.billingCadence())
                .orElseThrow(() -> new IllegalStateException("stored cadence " + r.billingCadence() + " of " + r.id() + " no longer reads"));
        return new Subscription(r.id(), r.namespace(), r.customerId(), r.name(), r.description(), r.metadata(), plan, r.currency(), cadence,
                r.proRating(), r.billingAnchor(), r.activeFrom(), r.activeTo(), r.annotations(), SubscriptionDocuments.phases(r.terms()),
                r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
