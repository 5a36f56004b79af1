package dev.tollgate.metering.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterAggregation;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.persistence.Rows;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcMeterStore implements MeterStore {
    private final MeterRowRepository rows;

    JdbcMeterStore(MeterRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Meter m) {
        UniqueViolations.translate(() -> Rows.upsert(rows, m.id(), toRow(m)),
                () -> new ConflictException("meter with slug '" + m.slug() + "' already exists"));
    }

    @Override
    public Optional<Meter> findLive(UUID namespace, UUID id) {
        return rows.findByNamespaceAndIdAndDeletedAtIsNull(namespace, id).map(JdbcMeterStore::toDomain);
    }

    @Override
    public Optional<Meter> findLiveBySlug(UUID namespace, String slug) {
        return rows.findByNamespaceAndSlugAndDeletedAtIsNull(namespace, slug).map(JdbcMeterStore::toDomain);
    }

    @Override
    public List<Meter> findLiveBySlugs(UUID namespace, java.util.Collection<String> slugs) {
        return slugs.isEmpty() ? List.of()
                : rows.findByNamespaceAndSlugInAndDeletedAtIsNull(namespace, slugs).stream().map(JdbcMeterStore::toDomain).toList();
    }

    @Override
    public List<Meter> list(UUID namespace, boolean includeDeleted) {
        return rows.list(namespace, includeDeleted).stream().map(JdbcMeterStore::toDomain).toList();
    }

    private static MeterRow toRow(Meter m) {
        return new MeterRow(m.id(), m.namespace(), m.slug(), m.name(), m.description(), m.aggregation().name(), m.eventType(), m.eventFrom(),
                m.valueProperty(), m.groupBy(), m.metadata(), m.createdAt(), m.updatedAt(), m.deletedAt());
    }

    private static Meter toDomain(MeterRow r) {
        return new Meter(r.id(), r.namespace(), r.slug(), r.name(), r.description(), MeterAggregation.valueOf(r.aggregation()), r.eventType(),
                r.eventFrom(), r.valueProperty(), r.groupBy(), r.metadata(), r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
