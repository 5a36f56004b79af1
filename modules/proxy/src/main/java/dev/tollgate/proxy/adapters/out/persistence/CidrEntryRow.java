package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** When each allowed network of a project was first allowed (the key is (project_id, cidr); {@code id} is its public id). */
@MappedEntity(value = "cidr_entries", schema = "proxy")
record CidrEntryRow(@Id UUID id, UUID projectId, String cidr, Instant createdAt) {
}
