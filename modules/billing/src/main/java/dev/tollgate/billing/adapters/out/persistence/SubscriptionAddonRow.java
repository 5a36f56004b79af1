package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.subscription_addons}; {@code terms} is {@code {"rateCards": [...], "timeline": [...]}}. */
@MappedEntity(value = "subscription_addons", schema = "billing")
record SubscriptionAddonRow(@Id UUID id, UUID namespace, UUID subscriptionId, UUID addonId, String addonKey, int addonVersion,
                            String instanceType, String name, @Nullable String description,
                            @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                            @TypeDef(type = DataType.JSON) Map<String, Object> terms, Instant createdAt, Instant updatedAt,
                            @Nullable Instant deletedAt) {
}
