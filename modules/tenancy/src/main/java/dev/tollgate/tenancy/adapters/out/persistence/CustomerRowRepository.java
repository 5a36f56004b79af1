package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CustomerRowRepository extends CrudRepository<CustomerRow, UUID> {
    Optional<CustomerRow> findByNamespaceAndIdAndDeletedAtIsNull(UUID namespace, UUID id);

    Optional<CustomerRow> findByNamespaceAndKeyAndDeletedAtIsNull(UUID namespace, String key);

    @Query(value = "DELETE FROM tenancy.customer_attributions WHERE customer_id = :customerId", nativeQuery = true)
    void releaseAttributions(UUID customerId);

    /** 0 when another customer already holds {@code value}. */
    @Query(value = "INSERT INTO tenancy.customer_attributions (namespace, value, customer_id) VALUES (:namespace, :value, :customerId) "
            + "ON CONFLICT DO NOTHING", nativeQuery = true)
    int claimAttribution(UUID namespace, String value, UUID customerId);
}
