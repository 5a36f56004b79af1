package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "support_comments", schema = "tenancy")
record SupportCommentRow(@Id UUID id, UUID issueId, String comment, String type, @Nullable String displayName, String authorId,
                         Instant createdAt, Instant updatedAt) {
}
