package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BillingNamespaceRowRepository extends CrudRepository<BillingNamespaceRow, UUID> {
    /** 1 when this transaction claimed the namespace, 0 when it was claimed already (after waiting for that claim to commit). */
    @Query(value = "INSERT INTO billing.namespaces (namespace, created_at) VALUES (:namespace, :createdAt) ON CONFLICT DO NOTHING",
            nativeQuery = true)
    int claim(UUID namespace, Instant createdAt);

    /** Locks the row until the transaction ends. */
    @Query(value = "SELECT namespace FROM billing.namespaces WHERE namespace = :namespace FOR UPDATE", nativeQuery = true)
    List<UUID> lock(UUID namespace);
}
