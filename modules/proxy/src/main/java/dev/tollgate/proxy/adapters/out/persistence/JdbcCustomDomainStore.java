package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.out.CustomDomainStore;
import dev.tollgate.proxy.domain.CustomDomain;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcCustomDomainStore implements CustomDomainStore {
    private final CustomDomainRowRepository rows;

    JdbcCustomDomainStore(CustomDomainRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(CustomDomain d) {
        UniqueViolations.translate(() -> rows.upsert(toRow(d)),
                () -> new ConflictException("domain_taken", "The domain is already registered for this project, or proven by another"));
    }

    @Override
    public Optional<CustomDomain> find(UUID projectId, UUID id) {
        return rows.findByProjectIdAndId(projectId, id).map(JdbcCustomDomainStore::toDomain);
    }

    @Override
    public Optional<CustomDomain> findVerified(String domain) {
        return rows.findByDomainAndVerifiedAtIsNotNull(domain).map(JdbcCustomDomainStore::toDomain);
    }

    @Override
    public Page<CustomDomain> list(UUID projectId, PageRequest page) {
        return new Page<>(rows.page(projectId, page.limit(), page.offset()).stream().map(JdbcCustomDomainStore::toDomain).toList(),
                rows.countByProjectId(projectId), page);
    }

    @Override
    public void delete(UUID id) {
        rows.deleteById(id);
    }

    @Override
    public void deleteAllOf(UUID projectId) {
        rows.deleteByProjectId(projectId);
    }

    private static CustomDomainRow toRow(CustomDomain d) {
        return new CustomDomainRow(d.id(), d.projectId(), d.domain(), d.verificationToken(), d.verifiedAt(), d.tlsCertExpiry(), d.createdAt(),
                d.updatedAt());
    }

    private static CustomDomain toDomain(CustomDomainRow r) {
        return new CustomDomain(r.id(), r.projectId(), r.domain(), r.verificationToken(), r.verifiedAt(), r.tlsCertExpiry(), r.createdAt(),
                r.updatedAt());
    }
}
