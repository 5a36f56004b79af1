package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MembershipRowRepository extends CrudRepository<MembershipRow, UUID> {
    Optional<MembershipRow> findByOrganizationIdAndUserId(UUID organizationId, UUID userId);

    Optional<MembershipRow> findByOrganizationIdAndPublicId(UUID organizationId, String publicId);

    long countByOrganizationId(UUID organizationId);

    @Query(value = "SELECT * FROM tenancy.memberships WHERE organization_id = :organizationId ORDER BY created_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<MembershipRow> page(UUID organizationId, int limit, int offset);

    /** A transaction-level advisory lock on an organization's membership (released at commit or rollback). */
    @Query(value = "SELECT pg_advisory_xact_lock(:key)::text", nativeQuery = true)
    String lockOrganization(long key);

    /** Members who signed in, or changed something the audit log recorded, since {@code since}. */
    @Query(value = """
            SELECT count(*) FROM tenancy.memberships m WHERE m.organization_id = :organizationId AND (
                EXISTS (SELECT 1 FROM tenancy.sessions s WHERE s.user_id = m.user_id AND s.created_at >= :since)
                OR EXISTS (SELECT 1 FROM tenancy.audit_entries a WHERE a.organization_id = m.organization_id
                           AND a.actor_id = m.user_id::text AND a.at >= :since))""", nativeQuery = true)
    long countActiveSince(UUID organizationId, java.time.Instant since);
}
