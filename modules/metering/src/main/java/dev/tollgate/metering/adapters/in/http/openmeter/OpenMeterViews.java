package dev.tollgate.metering.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQueryRow;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies in OpenMeter's shapes. */
final class OpenMeterViews {
    private OpenMeterViews() {
    }

    @Serdeable
    record MeterView(String id, String slug, String name, String description, String aggregation, String eventType, Instant eventFrom,
                     String valueProperty, Map<String, String> groupBy, Map<String, String> metadata, Instant createdAt,
                     Instant updatedAt, Instant deletedAt) {
        static MeterView of(Meter m) {
            return new MeterView(m.ulid(), m.slug(), m.name(), m.description(), m.aggregation().name(), m.eventType(), m.eventFrom(),
                    m.valueProperty(), m.groupBy(), m.metadata(), m.createdAt(), m.updatedAt(), m.deletedAt());
        }
    }

    /** {@code subject} and {@code groupBy} are required even when null or empty. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record QueryRowView(BigDecimal value, Instant windowStart, Instant windowEnd, String subject,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String customerId, Map<String, String> groupBy) {
        static QueryRowView of(MeterQueryRow row) {
            return new QueryRowView(row.value(), row.windowStart(), row.windowEnd(), row.subject(), row.customerId(), row.groupBy());
        }
    }

    @Serdeable
    record QueryResultView(Instant from, Instant to, String windowSize, List<QueryRowView> data) {
    }

    @Serdeable
    record EventView(String id, String source, String specversion, String type, String subject, Instant time, JsonNode data) {
    }

    @Serdeable
    record IngestedEventView(EventView event, String customerId, Instant ingestedAt, Instant storedAt, String validationError) {
    }
}
