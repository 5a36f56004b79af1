package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SpendCapRowRepository extends CrudRepository<SpendCapRow, UUID> {
    @Query(value = "SELECT * FROM entitlements.spend_caps WHERE organization_id = :organizationId FOR UPDATE", nativeQuery = true)
    Optional<SpendCapRow> lockById(UUID organizationId);

    @Query(value = """
            SELECT organization_public_id FROM entitlements.spend_caps
            WHERE spend_limit IS NOT NULL OR NOT overage_enabled OR reached ORDER BY organization_public_id""", nativeQuery = true)
    List<String> findCapped();

    /** One statement, so that two first settings racing for an organization both succeed (the later one stays). */
    @Query(value = """
            INSERT INTO entitlements.spend_caps (organization_id, organization_public_id, spend_limit, overage_enabled, overage_enabled_at,
                charges, currency, period_start, period_end, alerted_percent, reached, evaluated_at, updated_at)
            VALUES (:organizationId, :organizationPublicId, :spendLimit, :overageEnabled, :overageEnabledAt, :charges, :currency,
                :periodStart, :periodEnd, :alertedPercent, :reached, :evaluatedAt, :updatedAt)
            ON CONFLICT (organization_id) DO UPDATE SET spend_limit = excluded.spend_limit, overage_enabled = excluded.overage_enabled,
                overage_enabled_at = excluded.overage_enabled_at, charges = excluded.charges, currency = excluded.currency,
                period_start = excluded.period_start, period_end = excluded.period_end, alerted_percent = excluded.alerted_percent,
                reached = excluded.reached, evaluated_at = coalesce(excluded.evaluated_at, spend_caps.evaluated_at),
                updated_at = excluded.updated_at""", nativeQuery = true)
    void upsert(SpendCapRow row);
}
