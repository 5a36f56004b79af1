package dev.tollgate.archfixtures.tenancy.adapters.out.crypto;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** Violates 9b: a mapped entity outside adapters.out.persistence. */
@MappedEntity(value = "keys", schema = "fixtures")
record KeyRow(@Id UUID id) {
}
