package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "consents", schema = "tenancy")
record ConsentRow(@Id UUID id, UUID userId, String documentType, String documentVersion, @Nullable String ipAddress, Instant acceptedAt) {
}
