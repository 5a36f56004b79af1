package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "custom_domains", schema = "proxy")
record CustomDomainRow(@Id UUID id, UUID projectId, String domain, String verificationToken, @Nullable Instant verifiedAt,
                       @Nullable Instant tlsCertExpiry, Instant createdAt, Instant updatedAt) {
}
