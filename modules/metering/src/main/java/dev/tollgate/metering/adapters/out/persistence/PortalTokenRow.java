package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code metering.portal_tokens}; no allowed slugs (null) means every meter. */
@MappedEntity(value = "portal_tokens", schema = "metering")
record PortalTokenRow(@Id UUID id, UUID namespace, String subject, @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] allowedMeterSlugs,
                      String tokenHash, Instant expiresAt, Instant createdAt, @Nullable Instant invalidatedAt) {
}
