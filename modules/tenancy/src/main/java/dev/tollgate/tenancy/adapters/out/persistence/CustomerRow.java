package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code tenancy.customers}; metadata and the billing address are {@code jsonb} objects of strings. */
@MappedEntity(value = "customers", schema = "tenancy")
record CustomerRow(@Id UUID id, UUID namespace, String name, @Nullable String description,
                   @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, @Nullable String key,
                   @TypeDef(type = DataType.STRING_ARRAY) String[] subjectKeys, @Nullable String primaryEmail, @Nullable String currency,
                   @Nullable @TypeDef(type = DataType.JSON) Map<String, String> billingAddress, Instant createdAt, Instant updatedAt,
                   @Nullable Instant deletedAt) {
}
