package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "resets", schema = "entitlements")
record ResetRow(@Id UUID id, UUID entitlementId, Instant at, boolean retainAnchor, @Nullable Boolean preserveOverage, Instant createdAt) {
}
