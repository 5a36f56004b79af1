package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BillingStateRowRepository extends CrudRepository<BillingStateRow, UUID> {
    /** One statement, so that two reports racing for an organization without a row both succeed (the later one stays). */
    @Query(value = """
            INSERT INTO entitlements.organization_billing
                (organization_id, billing_provider, subscription_status, stripe_customer_id, stripe_subscription_id, updated_at)
            VALUES (:organizationId, :billingProvider, :subscriptionStatus, :stripeCustomerId, :stripeSubscriptionId, :updatedAt)
            ON CONFLICT (organization_id) DO UPDATE SET billing_provider = excluded.billing_provider,
                subscription_status = excluded.subscription_status, stripe_customer_id = excluded.stripe_customer_id,
                stripe_subscription_id = excluded.stripe_subscription_id, updated_at = excluded.updated_at""", nativeQuery = true)
    void upsert(BillingStateRow row);

    /** How many rows went (0 or 1). */
    int deleteByOrganizationId(UUID organizationId);
}
