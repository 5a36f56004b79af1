package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code billing.namespaces}: the namespace has its sandbox app and default profile. */
@MappedEntity(value = "namespaces", schema = "billing")
record BillingNamespaceRow(@Id UUID namespace, Instant createdAt) {
}
