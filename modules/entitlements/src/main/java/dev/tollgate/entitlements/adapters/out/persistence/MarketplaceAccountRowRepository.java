package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MarketplaceAccountRowRepository extends CrudRepository<MarketplaceAccountRow, UUID> {
    Optional<MarketplaceAccountRow> findByProviderAndExternalId(String provider, String externalId);

    Optional<MarketplaceAccountRow> findByClaimTokenHash(String claimTokenHash);

    List<MarketplaceAccountRow> findByProviderAndOrganizationIdOrderByCreatedAt(String provider, UUID organizationId);

    @Query(value = """
            SELECT * FROM entitlements.marketplace_accounts
            WHERE organization_id IS NOT NULL AND (ended_at IS NULL OR ended_at > :since) ORDER BY created_at""", nativeQuery = true)
    List<MarketplaceAccountRow> billableSince(Instant since);
}
