package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** Allowed: a row in the persistence adapter. */
@MappedEntity(value = "accounts", schema = "fixtures")
record AccountRow(@Id UUID id, String name) {
}
