package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;

/**
 * A key usage is attributed to (OpenMeter's subject; customers with subject keys replace it, but the API stays).
 * {@code metadata} is the JSON object as text.
 */
public record Subject(UUID id, UUID namespace, String key, String displayName, String metadata, Instant currentPeriodStart,
                      Instant currentPeriodEnd, String stripeCustomerId, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static Subject create(UUID namespace, Upsert upsert, Instant now) {
        return new Subject(TypeId.newUuid(), namespace, upsert.key(), upsert.displayName(), upsert.metadata(), upsert.currentPeriodStart(),
                upsert.currentPeriodEnd(), upsert.stripeCustomerId(), now, now, null);
    }

    /** An upsert replaces every field it carries, as OpenMeter's does. */
    public Subject with(Upsert upsert, Instant now) {
        return new Subject(id, namespace, key, upsert.displayName(), upsert.metadata(), upsert.currentPeriodStart(), upsert.currentPeriodEnd(),
                upsert.stripeCustomerId(), createdAt, now, null);
    }

    public Subject deleted(Instant now) {
        return new Subject(id, namespace, key, displayName, metadata, currentPeriodStart, currentPeriodEnd, stripeCustomerId, createdAt,
                now, now);
    }

    public String ulid() {
        return Ulid.of(id);
    }

    public record Upsert(String key, String displayName, String metadata, Instant currentPeriodStart, Instant currentPeriodEnd,
                         String stripeCustomerId) {
        public Upsert validated(int index) {
            String at = "[" + index + "].";
            if (key == null || key.isEmpty()) {
                throw new ValidationException(at + "key", "is required");
            }
            if (key.length() > 256) {
                throw new ValidationException(at + "key", "must be at most 256 characters");
            }
            if (currentPeriodStart != null && currentPeriodEnd != null && !currentPeriodStart.isBefore(currentPeriodEnd)) {
                throw new ValidationException(at + "currentPeriodEnd", "must be after currentPeriodStart");
            }
            return this;
        }
    }
}
