package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.invoices}: the invoice's header, its snapshots as {@code jsonb}, and its stored totals. */
@MappedEntity(value = "invoices", schema = "billing")
record InvoiceRow(@Id UUID id, UUID namespace, String customerId, String currency, String state, String number,
                  @TypeDef(type = DataType.JSON) Map<String, Object> customer, @TypeDef(type = DataType.JSON) Map<String, Object> supplier,
                  @TypeDef(type = DataType.JSON) Map<String, Object> terms, @Nullable String description,
                  @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, @Nullable Instant issuedAt,
                  @Nullable Instant draftUntil, @Nullable Instant collectionAt, @Nullable Instant dueAt, @Nullable Instant quantitySnapshotedAt,
                  @Nullable Instant voidedAt, @Nullable Instant sentToCustomerAt,
                  @TypeDef(type = DataType.JSON) List<Map<String, Object>> validationIssues,
                  @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> externalIds, @Nullable Instant periodFrom,
                  @Nullable Instant periodTo, @Nullable Instant nextLineAt, BigDecimal amount, BigDecimal chargesTotal, BigDecimal discountsTotal, BigDecimal total,
                  Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt, long revision) {
}
