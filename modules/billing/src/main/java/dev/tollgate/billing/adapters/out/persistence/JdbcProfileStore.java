package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.Party;
import dev.tollgate.billing.domain.profile.ProfileApps;
import dev.tollgate.billing.domain.profile.TaxConfig;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.platform.persistence.UniqueViolations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Billing profiles through their repository; the listing with its chosen order is explicit SQL (ADR 0029). */
@Singleton
final class JdbcProfileStore implements ProfileStore {
    /** OpenMeter's BillingProfileOrderBy, each made total by the id. */
    private static final Map<String, String> ORDER = Map.of("createdAt", "created_at", "updatedAt", "updated_at", "default", "is_default",
            "name", "name");
    private final ProfileRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcProfileStore(ProfileRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(BillingProfile p) {
        // The service moves the default under the namespace lock; the index still refuses a second default.
        UniqueViolations.translate(() -> Rows.upsert(rows, p.id(), toRow(p)),
                () -> new ConflictException("default_profile_conflict", "another billing profile became the default at the same time; retry"));
    }

    @Override
    public Optional<BillingProfile> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcProfileStore::toDomain);
    }

    @Override
    public Optional<BillingProfile> findDefault(UUID namespace) {
        return rows.findByNamespaceAndIsDefaultTrueAndDeletedAtIsNull(namespace).map(JdbcProfileStore::toDomain);
    }

    @Override
    public Page<BillingProfile> list(UUID namespace, boolean includeArchived, String orderBy, boolean descending, PageRequest page) {
        String where = " FROM billing.profiles WHERE namespace = ?" + (includeArchived ? "" : " AND deleted_at IS NULL");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        String direction = descending ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(orderBy, "created_at") + direction + ", id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<BillingProfile> items = Sql.rows(jdbc, ProfileRow.class, "SELECT *" + where + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(JdbcProfileStore::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), where, parameters), page);
    }

    @Override
    public Optional<BillingProfile> findLiveMarked(UUID namespace, String key, String value) {
        return Sql.rows(jdbc, ProfileRow.class, "SELECT * FROM billing.profiles WHERE namespace = ? AND deleted_at IS NULL AND metadata ->> ? = ?"
                + " ORDER BY created_at, id LIMIT 1", List.of(namespace, key, value)).stream().findFirst().map(JdbcProfileStore::toDomain);
    }

    @Override
    public long countLiveUsing(UUID namespace, UUID appId) {
        return rows.countLiveUsing(namespace, appId);
    }

    private static ProfileRow toRow(BillingProfile p) {
        Workflow w = p.workflow();
        Workflow.RecurringPeriod period = w.recurringPeriod();
        return new ProfileRow(p.id(), p.namespace(), p.name(), p.description(), p.metadata(), p.supplier().toMap(), w.alignment(),
                period == null ? null : period.interval(), period == null ? null : period.anchor(), w.collectionInterval().text(),
                w.autoAdvance(), w.draftPeriod().text(), w.dueAfter().text(), w.progressiveBilling(),
                w.defaultTaxConfig() == null ? null : w.defaultTaxConfig().toMap(), w.collectionMethod(), w.taxEnabled(), w.taxEnforced(),
                p.apps().tax(), p.apps().invoicing(), p.apps().payment(), p.isDefault(), p.createdAt(), p.updatedAt(), p.deletedAt());
    }

    private static BillingProfile toDomain(ProfileRow r) {
        Workflow.RecurringPeriod period = r.recurringInterval() == null ? null : new Workflow.RecurringPeriod(r.recurringInterval(), r.recurringAnchor());
        Workflow workflow = new Workflow(r.collectionAlignment(), period, duration(r.collectionInterval()), r.autoAdvance(),
                duration(r.draftPeriod()), duration(r.dueAfter()), r.progressiveBilling(), TaxConfig.fromMap(r.defaultTaxConfig()),
                r.collectionMethod(), r.taxEnabled(), r.taxEnforced());
        return new BillingProfile(r.id(), r.namespace(), r.name(), r.description(), r.metadata(), Party.fromMap(r.supplier()), workflow,
                new ProfileApps(r.taxAppId(), r.invoicingAppId(), r.paymentAppId()), r.isDefault(), r.createdAt(), r.updatedAt(), r.deletedAt());
    }

    /** Written by this store from a parsed duration, so it parses again. */
    private static IsoDuration duration(String text) {
        return IsoDuration.parse(text).orElseThrow(() -> new IllegalStateException("stored duration '" + text + "' does not parse"));
    }
}
