package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.cancellation_feedback}. */
@MappedEntity(value = "cancellation_feedback", schema = "entitlements")
record CancellationFeedbackRow(@Id UUID id, UUID organizationId, @Nullable UUID userId, @Nullable String credentialId, @Nullable String reason,
                               @Nullable String feedback, Instant createdAt) {
}
