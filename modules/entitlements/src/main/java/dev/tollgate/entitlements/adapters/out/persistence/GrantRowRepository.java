package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface GrantRowRepository extends CrudRepository<GrantRow, UUID> {
    Optional<GrantRow> findByNamespaceAndId(UUID namespace, UUID id);

    List<GrantRow> findByIdIn(java.util.Collection<UUID> ids);

    @Query(value = "SELECT * FROM entitlements.grants WHERE entitlement_id = :entitlementId ORDER BY created_at, id", nativeQuery = true)
    List<GrantRow> ofEntitlement(UUID entitlementId);
}
