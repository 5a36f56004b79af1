package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "projects", schema = "proxy")
record ProjectRow(@Id UUID id, UUID organizationId, String name, @Nullable String description, String status, String cloud,
                  String proxyHost, @TypeDef(type = DataType.STRING_ARRAY) String[] allowedCidrs,
                  @TypeDef(type = DataType.STRING_ARRAY) String[] tags, int maxConnections, int queriesPerSecond, int burstSize,
                  Instant createdAt, Instant updatedAt) {
}
