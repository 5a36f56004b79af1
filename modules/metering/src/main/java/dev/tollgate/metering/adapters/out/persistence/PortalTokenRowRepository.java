package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PortalTokenRowRepository extends CrudRepository<PortalTokenRow, UUID> {
    Optional<PortalTokenRow> findByTokenHash(String tokenHash);

    @Query(value = "SELECT * FROM metering.portal_tokens WHERE namespace = :namespace AND invalidated_at IS NULL "
            + "ORDER BY created_at DESC, id DESC LIMIT :limit", nativeQuery = true)
    List<PortalTokenRow> live(UUID namespace, int limit);

    /** Null {@code id} or {@code subject}: any. */
    @Query(value = """
            UPDATE metering.portal_tokens SET invalidated_at = :now
            WHERE namespace = :namespace AND invalidated_at IS NULL
              AND (CAST(:id AS uuid) IS NULL OR id = :id)
              AND (CAST(:subject AS text) IS NULL OR subject = :subject)""", nativeQuery = true)
    int invalidate(UUID namespace, @Nullable UUID id, @Nullable String subject, Instant now);
}
