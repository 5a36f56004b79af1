package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.customer_app_data}: one app's data about one customer. */
@MappedEntity(value = "customer_app_data", schema = "billing")
record CustomerAppDataRow(@Id UUID id, UUID namespace, UUID customerId, UUID appId, String type,
                          @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
}
