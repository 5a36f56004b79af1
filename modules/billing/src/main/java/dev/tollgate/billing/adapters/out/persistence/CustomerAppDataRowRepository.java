package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CustomerAppDataRowRepository extends CrudRepository<CustomerAppDataRow, UUID> {
    Optional<CustomerAppDataRow> findByNamespaceAndCustomerIdAndAppId(UUID namespace, UUID customerId, UUID appId);

    /** The customer's data for installed apps only: an uninstalled app's data is gone with it. */
    @Query(value = """
            SELECT d.* FROM billing.customer_app_data d JOIN billing.apps a ON a.id = d.app_id AND a.deleted_at IS NULL
            WHERE d.namespace = :namespace AND d.customer_id = :customerId AND (CAST(:type AS text) IS NULL OR d.type = :type)
            ORDER BY d.created_at, d.id LIMIT :limit OFFSET :offset""", nativeQuery = true)
    List<CustomerAppDataRow> ofCustomer(UUID namespace, UUID customerId, @Nullable String type, int limit, int offset);

    @Query(value = """
            SELECT count(*) FROM billing.customer_app_data d JOIN billing.apps a ON a.id = d.app_id AND a.deleted_at IS NULL
            WHERE d.namespace = :namespace AND d.customer_id = :customerId AND (CAST(:type AS text) IS NULL OR d.type = :type)""",
            nativeQuery = true)
    long countOfCustomer(UUID namespace, UUID customerId, @Nullable String type);

    int deleteByNamespaceAndCustomerIdAndAppId(UUID namespace, UUID customerId, UUID appId);
}
