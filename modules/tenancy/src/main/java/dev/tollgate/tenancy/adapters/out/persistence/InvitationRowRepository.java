package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface InvitationRowRepository extends CrudRepository<InvitationRow, UUID> {
    Optional<InvitationRow> findByPublicId(String publicId);

    Optional<InvitationRow> findByOrganizationIdAndEmail(UUID organizationId, String email);

    List<InvitationRow> findByOrganizationIdOrderByCreatedAt(UUID organizationId);

    List<InvitationRow> findByEmailOrderByCreatedAt(String email);
}
