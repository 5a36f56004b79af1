package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SessionRowRepository extends CrudRepository<SessionRow, UUID> {
    java.util.List<SessionRow> findByUserIdOrderByCreatedAtDesc(UUID userId);

    Optional<SessionRow> findBySecretHashAndRevokedAtIsNullAndExpiresAtGreaterThan(String secretHash, Instant now);

    Optional<SessionRow> findByIdAndRevokedAtIsNullAndExpiresAtGreaterThan(UUID id, Instant now);

    @Query(value = "UPDATE tenancy.sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL", nativeQuery = true)
    void revoke(UUID id, Instant now);
}
