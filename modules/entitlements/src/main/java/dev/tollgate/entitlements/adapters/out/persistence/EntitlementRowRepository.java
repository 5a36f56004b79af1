package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EntitlementRowRepository extends CrudRepository<EntitlementRow, UUID> {
    Optional<EntitlementRow> findByNamespaceAndId(UUID namespace, UUID id);

    Optional<EntitlementRow> findByNamespaceAndCustomerIdAndFeatureKeyAndDeletedAtIsNull(UUID namespace, UUID customerId, String featureKey);

    /** Entitlements never change except to end them: saving one again touches only its end and nothing else (ADR 0012). */
    @Query(value = """
            INSERT INTO entitlements.entitlements (id, namespace, customer_id, customer_key, subject_key, feature_id, feature_key, type, metadata,
                annotations, active_from, active_to, is_soft_limit, issue_amount, issue_priority, preserve_overage_at_reset, usage_period_interval,
                usage_period_anchor, measure_usage_from, config, created_at, updated_at, deleted_at)
            VALUES (:id, :namespace, :customerId, :customerKey, :subjectKey, :featureId, :featureKey, :type, CAST(:metadata AS jsonb),
                CAST(:annotations AS jsonb), :activeFrom, :activeTo, :softLimit, :issueAmount, :issuePriority, :preserveOverageAtReset,
                :usagePeriodInterval, :usagePeriodAnchor, :measureUsageFrom, :config, :createdAt, :updatedAt, :deletedAt)
            ON CONFLICT (id) DO UPDATE SET active_to = excluded.active_to, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at""",
            nativeQuery = true)
    void upsert(EntitlementRow row);

    /** Locks the row until the transaction ends. */
    @Query(value = "SELECT id FROM entitlements.entitlements WHERE id = :id FOR UPDATE", nativeQuery = true)
    List<UUID> lock(UUID id);
}
