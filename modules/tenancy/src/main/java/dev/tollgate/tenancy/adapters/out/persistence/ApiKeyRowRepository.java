package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRowRepository extends CrudRepository<ApiKeyRow, UUID> {
    Optional<ApiKeyRow> findBySecretHash(String secretHash);

    Optional<ApiKeyRow> findByOrganizationIdAndPublicId(UUID organizationId, String publicId);

    List<ApiKeyRow> findByOrganizationIdOrderByCreatedAt(UUID organizationId);

    @Query(value = "UPDATE tenancy.api_keys SET last_used_at = :usedAt WHERE id = :id", nativeQuery = true)
    void touch(UUID id, Instant usedAt);
}
