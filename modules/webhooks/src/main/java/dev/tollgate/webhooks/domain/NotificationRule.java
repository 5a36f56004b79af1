package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenMeter notification rule (ADR 0049): events of one {@code type} of the namespace, narrowed to {@code features}
 * (empty = all), sent to {@code channels} (endpoint uuids). {@code thresholds} only for balance thresholds.
 */
public record NotificationRule(UUID id, UUID namespace, String type, String name, boolean disabled, Map<String, String> metadata,
                               List<Threshold> thresholds, List<Feature> features, List<UUID> channels, Instant createdAt,
                               Instant updatedAt, Instant deletedAt) {
    public static final String BALANCE_THRESHOLD = "entitlements.balance.threshold";
    public static final String ENTITLEMENT_RESET = "entitlements.reset";
    public static final String INVOICE_CREATED = "invoice.created";
    public static final String INVOICE_UPDATED = "invoice.updated";
    public static final List<String> TYPES = List.of(BALANCE_THRESHOLD, ENTITLEMENT_RESET, INVOICE_CREATED, INVOICE_UPDATED);

    public NotificationRule {
        thresholds = List.copyOf(thresholds);
        features = List.copyOf(features);
        channels = List.copyOf(channels);
    }

    /** A threshold; {@code type} is one of balance_value, usage_percentage, usage_value (the deprecated names mapped). */
    public record Threshold(double value, String type) {
        public static final List<String> TYPES = List.of("balance_value", "usage_percentage", "usage_value");

        /** The current name of a threshold type: PERCENT is usage_percentage, NUMBER usage_value; null when unknown. */
        public static String normalize(String type) {
            if (type == null) {
                return null;
            }
            return switch (type) {
                case "PERCENT" -> "usage_percentage";
                case "NUMBER" -> "usage_value";
                default -> TYPES.contains(type) ? type : null;
            };
        }
    }

    /** A feature as OpenMeter's FeatureMeta shows it. */
    public record Feature(UUID id, String key) {
    }

    public boolean appliesToFeature(UUID featureId) {
        return features.isEmpty() || features.stream().anyMatch(f -> f.id().equals(featureId));
    }
}
