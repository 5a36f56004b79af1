package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** Violates 9b: a mapped entity whose name does not end with Row. */
@MappedEntity(value = "account_entities", schema = "fixtures")
record AccountEntity(@Id UUID id) {
}
