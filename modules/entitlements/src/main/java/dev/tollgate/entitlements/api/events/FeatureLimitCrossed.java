package dev.tollgate.entitlements.api.events;

import java.time.Instant;

/**
 * A workspace's usage of a limited feature, recorded through php-tenant's recordUsage, crossed a threshold:
 * {@code warning} at {@link #WARNING_PERCENT}% of its limit, {@code reached} at 100%. Announced by the recording that
 * crossed it, so once per threshold and usage period (usage restarts with the period). For php-tenant's
 * {@code limit_warning} and {@code limit_reached} webhooks (ADR 0048).
 */
public record FeatureLimitCrossed(String organizationPublicId, String featureCode, String featureName, String threshold, long limit, long used,
                                  double usagePercentage, Instant occurredAt) {
    public static final int WARNING_PERCENT = 80;
    public static final String WARNING = "warning";
    public static final String REACHED = "reached";
}
