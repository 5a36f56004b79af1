package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "replicas", schema = "proxy")
record ReplicaRow(@Id UUID id, UUID databaseId, String host, int port, String sslMode, Instant createdAt, Instant updatedAt) {
}
