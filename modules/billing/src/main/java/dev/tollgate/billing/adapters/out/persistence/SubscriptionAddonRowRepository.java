package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubscriptionAddonRowRepository extends CrudRepository<SubscriptionAddonRow, UUID> {
    Optional<SubscriptionAddonRow> findByNamespaceAndSubscriptionIdAndId(UUID namespace, UUID subscriptionId, UUID id);

    List<SubscriptionAddonRow> findByNamespaceAndSubscriptionIdOrderByCreatedAt(UUID namespace, UUID subscriptionId);

    List<SubscriptionAddonRow> findByNamespaceAndSubscriptionIdInOrderByCreatedAt(UUID namespace, java.util.Collection<UUID> subscriptionIds);
}
