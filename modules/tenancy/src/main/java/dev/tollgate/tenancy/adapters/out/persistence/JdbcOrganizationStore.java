package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.OrganizationStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Slug;
import dev.tollgate.tenancy.domain.WorkspaceFilter;
import dev.tollgate.tenancy.domain.WorkspaceType;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations in {@code tenancy.organizations}. Lookups by number — what every php-tenant request does — are
 * served from a short-lived cache: this node evicts on every write, other nodes see a change within
 * {@link #READ_CACHE_TTL}. Authorization is still decided per request; only the row is cached.
 */
@Singleton
class JdbcOrganizationStore implements OrganizationStore {
    static final Duration READ_CACHE_TTL = Duration.ofSeconds(2);
    private final OrganizationRowRepository rows;
    private final io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;
    private final Cache<Long, Optional<OrganizationRow>> byNumber = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(READ_CACHE_TTL)
            .build();

    JdbcOrganizationStore(OrganizationRowRepository rows, io.micronaut.data.jdbc.runtime.JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public long nextNumber() {
        return rows.nextNumber();
    }

    @Override
    public void save(Organization o) {
        OrganizationRow row = new OrganizationRow(o.id(), o.publicId(), o.number(), o.slug().value(), o.name(), o.description(),
                o.icon(), o.color(), o.type().name(), o.active(), o.billingEmail(), o.plan(), o.ownerId(), o.createdAt(),
                o.updatedAt(), o.deletedAt(), o.purgeAfter());
        byNumber.invalidate(o.number());
        UniqueViolations.translate(() -> Rows.upsert(rows, o.id(), row),
                () -> new ConflictException("slug_taken", "The slug '" + o.slug() + "' is already taken"));
    }

    @Override
    public Optional<Organization> findById(UUID id) {
        return rows.findByIdAndDeletedAtIsNull(id).map(JdbcOrganizationStore::toDomain);
    }

    @Override
    public Optional<Organization> findByNumber(long number) {
        // A fresh aggregate per call: callers may mutate what they get.
        return byNumber.get(number, rows::findByNumberAndDeletedAtIsNull).map(JdbcOrganizationStore::toDomain);
    }

    @Override
    public Optional<Organization> findBySlug(String slug) {
        return rows.findBySlugAndDeletedAtIsNull(slug).map(JdbcOrganizationStore::toDomain);
    }

    @Override
    public Optional<Organization> findBySlugIncludingDeleted(String slug) {
        return rows.findBySlug(slug).map(JdbcOrganizationStore::toDomain);
    }

    @Override
    public boolean slugExists(String slug) {
        return rows.existsBySlug(slug);
    }

    @Override
    public Page<Organization> listForMember(UUID userId, WorkspaceFilter filter, PageRequest page) {
        String type = filter.type() == null ? null : filter.type().name();
        var items = rows.listForMember(userId, type, filter.active(), filter.search(), page.limit(), page.offset());
        long total = rows.countForMember(userId, type, filter.active(), filter.search());
        return new Page<>(items.stream().map(JdbcOrganizationStore::toDomain).toList(), total, page);
    }

    @Override
    public long countForMember(UUID userId) {
        return rows.countForMember(userId, null, null, null);
    }

    @Override
    public int purgeExpired(Instant now) {
        int purged = rows.purgeExpired(now);
        if (purged > 0) {
            byNumber.invalidateAll();
        }
        return purged;
    }

    @Override
    public java.util.Map<String, Long> countPerPlan() {
        // A computation over every organization: explicit JDBC (ADR 0029).
        return jdbc.prepareStatement("SELECT plan, count(*) FROM tenancy.organizations WHERE deleted_at IS NULL GROUP BY plan", statement -> {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public java.util.Map<UUID, String> plansOf(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, String> plans = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            rows.findByIdInAndDeletedAtIsNull(ids).forEach(r -> plans.put(r.id(), r.plan()));
        }
        return plans;
    }

    private static Organization toDomain(OrganizationRow r) {
        return new Organization(r.id(), r.publicId(), r.number(), new Slug(r.slug()), r.name(), r.description(), r.icon(),
                r.color(), WorkspaceType.valueOf(r.type().toUpperCase(Locale.ROOT)), r.active(), r.billingEmail(), r.plan(),
                r.ownerId(), r.createdAt(), r.updatedAt(), r.deletedAt(), r.purgeAfter());
    }
}
