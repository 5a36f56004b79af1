package dev.tollgate.entitlements.application.port.out;

import java.time.Instant;
import java.util.UUID;

/** PgBeam's cancellation feedback, kept as given. */
public interface CancellationFeedbackStore {
    record Feedback(UUID id, UUID organizationId, UUID userId, String credentialId, String reason, String feedback, Instant createdAt) {
    }

    void add(Feedback feedback);
}
