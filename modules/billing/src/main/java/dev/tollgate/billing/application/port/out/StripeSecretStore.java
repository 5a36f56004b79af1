package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A Stripe app's secrets, stored sealed (the caller seals and opens; this store never sees them in clear). */
public interface StripeSecretStore {
    record Sealed(UUID appId, UUID namespace, String apiKey, String webhookEndpointId, String webhookSecret, Instant updatedAt) {
    }

    void save(Sealed secrets);

    Optional<Sealed> find(UUID appId);
}
