package dev.tollgate.metering.adapters.out.persistence;

import dev.tollgate.metering.application.port.out.SubjectStore;
import dev.tollgate.metering.domain.Subject;
import dev.tollgate.platform.persistence.Rows;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSubjectStore implements SubjectStore {
    private final SubjectRowRepository rows;

    JdbcSubjectStore(SubjectRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Subject s) {
        Rows.upsert(rows, s.id(), toRow(s));
    }

    @Override
    public Optional<Subject> findLive(UUID namespace, UUID id) {
        return rows.findByNamespaceAndIdAndDeletedAtIsNull(namespace, id).map(JdbcSubjectStore::toDomain);
    }

    @Override
    public Optional<Subject> findLiveByKey(UUID namespace, String key) {
        return rows.findByNamespaceAndKeyAndDeletedAtIsNull(namespace, key).map(JdbcSubjectStore::toDomain);
    }

    @Override
    public List<Subject> listLive(UUID namespace) {
        return rows.findByNamespaceAndDeletedAtIsNullOrderByKey(namespace).stream().map(JdbcSubjectStore::toDomain).toList();
    }

    private static SubjectRow toRow(Subject s) {
        return new SubjectRow(s.id(), s.namespace(), s.key(), s.displayName(), s.metadata(), s.currentPeriodStart(), s.currentPeriodEnd(),
                s.stripeCustomerId(), s.createdAt(), s.updatedAt(), s.deletedAt());
    }

    private static Subject toDomain(SubjectRow r) {
        return new Subject(r.id(), r.namespace(), r.key(), r.displayName(), r.metadata(), r.currentPeriodStart(), r.currentPeriodEnd(),
                r.stripeCustomerId(), r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
