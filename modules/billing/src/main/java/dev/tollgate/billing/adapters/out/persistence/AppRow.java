package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.apps}; metadata is {@code jsonb}; a Stripe app's account facts in the stripe_ columns. */
@MappedEntity(value = "apps", schema = "billing")
record AppRow(@Id UUID id, UUID namespace, String type, String name, @Nullable String description,
              @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, boolean enableDraftSyncHook, boolean enableIssuingSyncHook,
              Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt, @Nullable String stripeAccountId, @Nullable Boolean stripeLivemode,
              @Nullable String stripeMaskedApiKey) {
}
