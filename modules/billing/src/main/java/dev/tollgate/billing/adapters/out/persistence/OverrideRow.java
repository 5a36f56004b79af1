package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code billing.customer_overrides}; customer ids are tenancy's UUIDv7s, unique across namespaces. */
@MappedEntity(value = "customer_overrides", schema = "billing")
record OverrideRow(@Id UUID customerId, UUID namespace, @Nullable UUID billingProfileId, Instant createdAt, Instant updatedAt) {
}
