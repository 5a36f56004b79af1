package dev.tollgate.billing.domain.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's own billing profile. {@code billingProfileId} null pins nothing: the customer follows whichever profile
 * is the default at the time (OpenMeter: "empty = default looked up dynamically").
 */
public record CustomerOverride(UUID namespace, UUID customerId, UUID billingProfileId, Instant createdAt, Instant updatedAt) {
    public boolean pins(UUID profileId) {
        return profileId.equals(billingProfileId);
    }

    public CustomerOverride pinning(UUID profileId, Instant now) {
        return new CustomerOverride(namespace, customerId, profileId, createdAt, now);
    }
}
