package dev.tollgate.entitlements.application.port.out;

import java.time.Instant;
import java.util.UUID;

/** The usage other applications record through php-tenant's recordUsage, each row numbered for the answer. */
public interface UsageRecordStore {
    /** Stores the record and returns its id; {@code metadataJson} may be null. */
    long insert(UUID organizationId, String featureKey, long quantity, String metadataJson, UUID recordedBy, Instant at);
}
