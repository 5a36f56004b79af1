package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CustomDomainRowRepository extends CrudRepository<CustomDomainRow, UUID> {
    /**
     * Updates only what verification changes, in one statement: an exists-then-write ({@code Rows.upsert}) would
     * behave differently when a delete races a verification.
     */
    @Query(value = """
            INSERT INTO proxy.custom_domains (id, project_id, domain, verification_token, verified_at, tls_cert_expiry, created_at, updated_at)
            VALUES (:id, :projectId, :domain, :verificationToken, :verifiedAt, :tlsCertExpiry, :createdAt, :updatedAt)
            ON CONFLICT (id) DO UPDATE SET verified_at = EXCLUDED.verified_at, tls_cert_expiry = EXCLUDED.tls_cert_expiry,
                updated_at = EXCLUDED.updated_at""", nativeQuery = true)
    void upsert(CustomDomainRow row);

    Optional<CustomDomainRow> findByProjectIdAndId(UUID projectId, UUID id);

    Optional<CustomDomainRow> findByDomainAndVerifiedAtIsNotNull(String domain);

    @Query(value = "SELECT * FROM proxy.custom_domains WHERE project_id = :projectId ORDER BY created_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<CustomDomainRow> page(UUID projectId, int limit, int offset);

    long countByProjectId(UUID projectId);

    void deleteByProjectId(UUID projectId);
}
