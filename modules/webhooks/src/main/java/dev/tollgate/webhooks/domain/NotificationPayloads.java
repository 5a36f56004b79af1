package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenMeter's notification payloads, {@code {id, type, timestamp, data}}, and the sample data a rule's test event
 * carries ("a test event with random data"), shaped as the document's schemas so a receiver can parse it as real.
 */
public final class NotificationPayloads {
    private NotificationPayloads() {
    }

    public static Map<String, Object> payload(String eventId, String type, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("type", type);
        payload.put("timestamp", timestamp.toString());
        payload.put("data", data);
        return payload;
    }

    /** Sample data for a test event of {@code rule}: its first feature when it names one, a made-up one otherwise. */
    public static Map<String, Object> sample(NotificationRule rule, Instant now, java.util.function.Function<UUID, String> ulid) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (rule.type().startsWith("invoice.")) {
            return sampleInvoice(at, ulid);
        }
        NotificationRule.Feature feature = rule.features().isEmpty() ? new NotificationRule.Feature(UUID.randomUUID(), "test_feature")
                : rule.features().get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        Instant periodStart = now.truncatedTo(ChronoUnit.DAYS);
        data.put("entitlement", map("type", "metered", "createdAt", at, "updatedAt", at, "activeFrom", periodStart.toString(),
                "id", ulid.apply(UUID.randomUUID()), "subjectKey", "test_subject", "featureKey", feature.key(), "featureId", ulid.apply(feature.id()),
                "lastReset", periodStart.toString(), "currentUsagePeriod", map("from", periodStart.toString(),
                        "to", periodStart.plus(30, ChronoUnit.DAYS).toString()), "measureUsageFrom", periodStart.toString(),
                "usagePeriod", map("interval", "MONTH", "anchor", periodStart.toString(), "intervalISO", "P1M"),
                "isSoftLimit", false, "isUnlimited", false, "issueAfterReset", 0));
        data.put("feature", map("createdAt", at, "updatedAt", at, "key", feature.key(), "name", feature.key(), "id", ulid.apply(feature.id())));
        data.put("subject", map("createdAt", at, "updatedAt", at, "id", ulid.apply(UUID.randomUUID()), "key", "test_subject"));
        data.put("value", map("hasAccess", true, "balance", 20, "usage", 80, "overage", 0));
        if (rule.type().equals(NotificationRule.BALANCE_THRESHOLD)) {
            NotificationRule.Threshold t = rule.thresholds().isEmpty() ? new NotificationRule.Threshold(80, "usage_percentage")
                    : rule.thresholds().get(0);
            data.put("threshold", map("value", t.value(), "type", t.type()));
        }
        return data;
    }

    private static Map<String, Object> sampleInvoice(String at, java.util.function.Function<UUID, String> ulid) {
        String zero = "0";
        return map("id", ulid.apply(UUID.randomUUID()), "createdAt", at, "updatedAt", at, "type", "standard",
                "supplier", map("name", "Test supplier"),
                "customer", map("name", "Test customer", "usageAttribution", map("subjectKeys", List.of("test_subject"))),
                "number", "INV-TEST-1", "currency", "USD",
                "totals", map("amount", "100", "chargesTotal", zero, "discountsTotal", zero, "taxesInclusiveTotal", zero,
                        "taxesExclusiveTotal", zero, "taxesTotal", zero, "total", "100"),
                "status", "draft",
                "statusDetails", map("immutable", false, "failed", false, "extendedStatus", "draft.created", "availableActions", map()),
                "workflow", map("sourceBillingProfileId", ulid.apply(UUID.randomUUID()), "workflow", map()));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
