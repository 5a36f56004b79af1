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

/** A row of {@code billing.invoice_lines}: one line, its rate card and detailed lines as {@code jsonb}. */
@MappedEntity(value = "invoice_lines", schema = "billing")
record InvoiceLineRow(@Id UUID id, UUID namespace, UUID invoiceId, int position, String name, @Nullable String description,
                      @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, String managedBy, String status,
                      Instant periodFrom, Instant periodTo, Instant serviceFrom, Instant serviceTo, Instant invoiceAt,
                      @TypeDef(type = DataType.JSON) Map<String, Object> rateCard, @Nullable UUID splitGroupId,
                      @Nullable BigDecimal meteredQuantity, @Nullable BigDecimal meteredPreLinePeriodQuantity, @Nullable BigDecimal quantity,
                      @Nullable BigDecimal preLinePeriodQuantity, @TypeDef(type = DataType.JSON) List<Map<String, Object>> children,
                      @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> usageDiscount, @Nullable BigDecimal amount,
                      @Nullable BigDecimal chargesTotal, @Nullable BigDecimal discountsTotal, @Nullable BigDecimal total,
                      @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> subscription, @Nullable String childUniqueReferenceId,
                      Instant createdAt, Instant updatedAt) {
}
