package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "support_issues", schema = "tenancy")
record SupportIssueRow(@Id UUID id, UUID organizationId, int number, String summary, String description, String type, String priority,
                       @Nullable String category, String status, String createdBy, @Nullable String assignedTo, Instant createdAt,
                       Instant updatedAt) {
}
