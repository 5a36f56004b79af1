package dev.tollgate.tenancy.adapters.out.persistence;

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
interface OrganizationRowRepository extends CrudRepository<OrganizationRow, UUID> {

    @Query("SELECT nextval('tenancy.organization_number_seq')")
    long nextNumber();

    Optional<OrganizationRow> findByIdAndDeletedAtIsNull(UUID id);

    Optional<OrganizationRow> findByNumberAndDeletedAtIsNull(long number);

    Optional<OrganizationRow> findBySlugAndDeletedAtIsNull(String slug);

    Optional<OrganizationRow> findBySlug(String slug);

    boolean existsBySlug(String slug);

    String MEMBER_FILTER = """
            FROM tenancy.organizations o JOIN tenancy.memberships m ON m.organization_id = o.id
            WHERE m.user_id = :userId AND o.deleted_at IS NULL
              AND (CAST(:type AS text) IS NULL OR o.type = :type)
              AND (CAST(:active AS boolean) IS NULL OR o.active = :active)
              AND (CAST(:search AS text) IS NULL OR o.name ILIKE '%' || :search || '%')
            """;

    @Query(value = "SELECT o.* " + MEMBER_FILTER + " ORDER BY o.created_at, o.id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<OrganizationRow> listForMember(UUID userId, @Nullable String type, @Nullable Boolean active, @Nullable String search,
                                        int limit, int offset);

    @Query(value = "SELECT count(*) " + MEMBER_FILTER, nativeQuery = true)
    long countForMember(UUID userId, @Nullable String type, @Nullable Boolean active, @Nullable String search);

    List<OrganizationRow> findByIdInAndDeletedAtIsNull(java.util.Collection<UUID> ids);

    @Query(value = "DELETE FROM tenancy.organizations WHERE deleted_at IS NOT NULL AND purge_after <= :now", nativeQuery = true)
    int purgeExpired(Instant now);
}
