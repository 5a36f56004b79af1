package dev.tollgate.entitlements.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A resource a Vercel installation provisioned. Its billing plan is its organization's tier (an organization holds
 * one tier), so the resource keeps only what Vercel named and asked for.
 */
public record VercelResource(String id, String installationId, String productId, String name, Map<String, Object> metadata,
                             String idempotencyKey, Instant createdAt, Instant deletedAt) {
    public VercelResource {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    public VercelResource renamed(String newName, Map<String, Object> newMetadata) {
        return new VercelResource(id, installationId, productId, newName == null ? name : newName,
                newMetadata == null ? metadata : newMetadata, idempotencyKey, createdAt, deletedAt);
    }

    public VercelResource deleted(Instant now) {
        return new VercelResource(id, installationId, productId, name, metadata, idempotencyKey, createdAt,
                deletedAt == null ? now : deletedAt);
    }
}
