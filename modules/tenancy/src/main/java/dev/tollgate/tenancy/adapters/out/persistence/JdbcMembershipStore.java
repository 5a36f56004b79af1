package dev.tollgate.tenancy.adapters.out.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Role;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Memberships; member counts (shown on every php-tenant workspace) are cached like organizations are. */
@Singleton
class JdbcMembershipStore implements MembershipStore {
    private final MembershipRowRepository rows;
    private final Cache<UUID, Long> counts = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(JdbcOrganizationStore.READ_CACHE_TTL)
            .build();

    JdbcMembershipStore(MembershipRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Membership m) {
        MembershipRow row = new MembershipRow(m.id(), m.publicId(), m.organizationId(), m.userId(), m.role().name(), m.createdAt());
        counts.invalidate(m.organizationId());
        Rows.upsert(rows, m.id(), row);
    }

    @Override
    public Optional<Membership> find(UUID organizationId, UUID userId) {
        return rows.findByOrganizationIdAndUserId(organizationId, userId).map(JdbcMembershipStore::toDomain);
    }

    @Override
    public Optional<Membership> findByPublicId(UUID organizationId, String publicId) {
        return rows.findByOrganizationIdAndPublicId(organizationId, publicId).map(JdbcMembershipStore::toDomain);
    }

    @Override
    public Page<Membership> list(UUID organizationId, PageRequest page) {
        return new Page<>(rows.page(organizationId, page.limit(), page.offset()).stream().map(JdbcMembershipStore::toDomain).toList(),
                rows.countByOrganizationId(organizationId), page);
    }

    @Override
    public long countMembersForUpdate(UUID organizationId) {
        rows.lockOrganization(organizationId.getMostSignificantBits() ^ organizationId.getLeastSignificantBits());
        return rows.countByOrganizationId(organizationId);
    }

    @Override
    public long countActiveSince(UUID organizationId, java.time.Instant since) {
        return rows.countActiveSince(organizationId, since);
    }

    @Override
    public long countMembers(UUID organizationId) {
        return counts.get(organizationId, rows::countByOrganizationId);
    }

    @Override
    public void delete(UUID membershipId) {
        rows.findById(membershipId).ifPresent(m -> counts.invalidate(m.organizationId()));
        rows.deleteById(membershipId);
    }

    private static Membership toDomain(MembershipRow r) {
        return new Membership(r.id(), r.publicId(), r.organizationId(), r.userId(), Role.valueOf(r.role()), r.createdAt());
    }
}
