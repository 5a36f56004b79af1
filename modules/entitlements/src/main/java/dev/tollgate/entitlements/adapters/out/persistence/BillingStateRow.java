package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.organization_billing}: one per organization. */
@MappedEntity(value = "organization_billing", schema = "entitlements")
record BillingStateRow(@Id UUID organizationId, String billingProvider, String subscriptionStatus, @Nullable String stripeCustomerId,
                       @Nullable String stripeSubscriptionId, Instant updatedAt) {
}
