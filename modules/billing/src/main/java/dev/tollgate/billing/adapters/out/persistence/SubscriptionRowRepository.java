package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriptionRowRepository extends CrudRepository<SubscriptionRow, UUID> {
    Optional<SubscriptionRow> findByNamespaceAndId(UUID namespace, UUID id);

    List<SubscriptionRow> findByNamespaceAndIdIn(UUID namespace, java.util.Collection<UUID> ids);

    List<SubscriptionRow> findByNamespaceAndCustomerIdAndDeletedAtIsNullOrderByActiveFrom(UUID namespace, String customerId);

    /** A transaction-scoped advisory lock on the text {@code key} (its 64-bit hash). */
    @Query(value = "SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))::text", nativeQuery = true)
    String lock(String key);
}
