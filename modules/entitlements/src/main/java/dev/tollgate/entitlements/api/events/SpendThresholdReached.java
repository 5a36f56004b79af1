package dev.tollgate.entitlements.api.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organization's usage-based charges of a billing period crossed {@code percent} (50, 80 or 100) of its spend cap:
 * announced once per threshold and period, for webhooks and alerts (ADR 0041).
 */
public record SpendThresholdReached(String organizationPublicId, int percent, BigDecimal charges, BigDecimal spendLimit, String currency,
                                    Instant periodStart, Instant periodEnd) {
}
