package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code tenancy.audit_entries}; {@code before} and {@code after} are {@code jsonb} objects. */
@MappedEntity(value = "audit_entries", schema = "tenancy")
record AuditEntryRow(@Id UUID id, UUID organizationId, String actorType, String actorId, String resourceType, String resourceId,
                     String type, String summary, @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> before,
                     @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> after, @Nullable String sourceAddress, Instant at) {
}
