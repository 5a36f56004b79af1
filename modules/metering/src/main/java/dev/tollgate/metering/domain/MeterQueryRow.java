package dev.tollgate.metering.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One aggregated value: a window, and the subject and group values it is for (null when not grouped by them), with the
 * number of events it was computed from.
 */
public record MeterQueryRow(BigDecimal value, Instant windowStart, Instant windowEnd, String subject, String customerId,
                            Map<String, String> groupBy, long events) {
}
