package dev.tollgate.billing.domain.app;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What an app keeps about one customer (OpenMeter's CustomerAppData). Sandbox keeps only the link; custom invoicing
 * keeps the metadata the external system needs (its own customer id, say). Stripe's data waits for the Stripe app.
 */
public record CustomerAppData(UUID namespace, UUID customerId, UUID appId, AppType type, Map<String, String> metadata, Instant createdAt,
                              Instant updatedAt) {
    public CustomerAppData {
        metadata = metadata == null ? null : Map.copyOf(metadata);
    }

    /** The same link with new data; the link keeps when it was first made. */
    public CustomerAppData replacedBy(Map<String, String> newMetadata, Instant now) {
        return new CustomerAppData(namespace, customerId, appId, type, type == AppType.CUSTOM_INVOICING ? newMetadata : null, createdAt, now);
    }
}
