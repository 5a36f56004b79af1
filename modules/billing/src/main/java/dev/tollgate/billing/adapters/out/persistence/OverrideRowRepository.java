package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OverrideRowRepository extends CrudRepository<OverrideRow, UUID> {
    Optional<OverrideRow> findByNamespaceAndCustomerId(UUID namespace, UUID customerId);

    List<OverrideRow> findByNamespace(UUID namespace);

    List<OverrideRow> findByNamespaceAndBillingProfileId(UUID namespace, UUID billingProfileId);

    int deleteByNamespaceAndCustomerId(UUID namespace, UUID customerId);
}
