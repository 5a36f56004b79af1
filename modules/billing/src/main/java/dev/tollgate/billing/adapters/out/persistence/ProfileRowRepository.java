package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProfileRowRepository extends CrudRepository<ProfileRow, UUID> {
    Optional<ProfileRow> findByNamespaceAndId(UUID namespace, UUID id);

    Optional<ProfileRow> findByNamespaceAndIsDefaultTrueAndDeletedAtIsNull(UUID namespace);

    @Query(value = """
            SELECT count(*) FROM billing.profiles WHERE namespace = :namespace AND deleted_at IS NULL
            AND :appId IN (tax_app_id, invoicing_app_id, payment_app_id)""", nativeQuery = true)
    long countLiveUsing(UUID namespace, UUID appId);
}
