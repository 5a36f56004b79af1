package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanAddonRowRepository extends CrudRepository<PlanAddonRow, UUID> {
    Optional<PlanAddonRow> findByNamespaceAndPlanIdAndAddonIdAndDeletedAtIsNull(UUID namespace, UUID planId, UUID addonId);

    List<PlanAddonRow> findByNamespaceAndPlanIdAndDeletedAtIsNullOrderById(UUID namespace, UUID planId);
}
