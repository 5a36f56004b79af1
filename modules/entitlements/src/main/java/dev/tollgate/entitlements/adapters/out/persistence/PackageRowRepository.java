package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PackageRowRepository extends CrudRepository<PackageRow, Long> {
    /** The package, its row locked until the transaction ends. */
    @Query(value = "SELECT * FROM entitlements.packages WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<PackageRow> findForUpdate(long id);

    Optional<PackageRow> findByPartnerIdAndBlestaServiceId(UUID partnerId, String blestaServiceId);

    List<PackageRow> findByOrganizationIdOrderById(UUID organizationId);

    /** A transition: only the state columns change, what was provisioned stays as it was. */
    void update(@Id Long id, String status, @Nullable String statusReason, @Nullable Instant expiresAt, @Nullable Instant billingCycleAnchor,
                Instant updatedAt);
}
