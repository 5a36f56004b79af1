package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "onboarding", schema = "tenancy")
record OnboardingRow(@Id UUID organizationId, @Nullable Instant projectCreatedAt, @Nullable Instant databaseAddedAt,
                     @Nullable Instant connectionTestedAt, @Nullable Instant connectionStringCopiedAt, @Nullable Instant firstQueryRunAt,
                     @Nullable Instant dismissedAt, Instant updatedAt) {
}
