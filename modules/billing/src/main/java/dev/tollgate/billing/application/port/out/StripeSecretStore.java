package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A Stripe app's secrets, stored sealed (the caller seals and opens; this store never sees them in clear). An app
 * installed through Stripe Connect has no key: {@code apiKey} null and {@code connectedAccount} its account (ADR 0047).
 */
public interface StripeSecretStore {
    record Sealed(UUID appId, UUID namespace, String apiKey, String connectedAccount, String webhookEndpointId, String webhookSecret,
                  Instant updatedAt) {
    }

    void save(Sealed secrets);

    Optional<Sealed> find(UUID appId);
}
