package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A URL a tenant asked Tollgate to send events to, with the secret its messages are signed with. {@code previousSecret}
 * is a rotated-out secret that still signs until {@code previousSecretUntil}, so receivers can switch without losing a
 * message.
 */
public record Endpoint(long id, UUID uuid, UUID organizationId, Audience audience, String scope, String name, String url,
                       List<String> events, boolean active, String disabledReason, int maxAttempts, int failureCount,
                       DeliveryStatus lastDeliveryStatus, Instant lastTriggeredAt, Map<String, Object> metadata,
                       Map<String, String> customHeaders, SigningSecret secret, SigningSecret previousSecret,
                       Instant previousSecretUntil, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public Endpoint(long id, UUID uuid, UUID organizationId, Audience audience, String scope, String name, String url,
                    List<String> events, boolean active, String disabledReason, int maxAttempts, int failureCount,
                    DeliveryStatus lastDeliveryStatus, Instant lastTriggeredAt, Map<String, Object> metadata,
                    Map<String, String> customHeaders, SigningSecret secret, SigningSecret previousSecret,
                    Instant previousSecretUntil, Instant createdAt, Instant updatedAt) {
        this(id, uuid, organizationId, audience, scope, name, url, events, active, disabledReason, maxAttempts, failureCount,
                lastDeliveryStatus, lastTriggeredAt, metadata, customHeaders, secret, previousSecret, previousSecretUntil, createdAt,
                updatedAt, null);
    }

    public Endpoint {
        events = List.copyOf(events);
        customHeaders = customHeaders == null ? Map.of() : Map.copyOf(customHeaders);
    }

    /** The same endpoint with what its owner describes replaced: name, URL, events, metadata, headers, attempts. */
    public Endpoint described(String name, String url, List<String> events, Map<String, Object> metadata, Map<String, String> customHeaders,
                              int maxAttempts, Instant now) {
        return new Endpoint(id, uuid, organizationId, audience, scope, name, url, events, active, disabledReason, maxAttempts, failureCount,
                lastDeliveryStatus, lastTriggeredAt, metadata, customHeaders, secret, previousSecret, previousSecretUntil, createdAt, now,
                deletedAt);
    }

    /**
     * Switched on or off by its owner. Switching it back on also clears what switched it off (the circuit breaker's
     * failure count, a 410's reason); switching it off keeps the reason it may already have.
     */
    public Endpoint switched(boolean on, Instant now) {
        boolean reenabled = on && !active;
        return new Endpoint(id, uuid, organizationId, audience, scope, name, url, events, on, reenabled ? null : disabledReason, maxAttempts,
                reenabled ? 0 : failureCount, lastDeliveryStatus, lastTriggeredAt, metadata, customHeaders, secret, previousSecret,
                previousSecretUntil, createdAt, now, deletedAt);
    }

    /** A new signing secret, the current one still signing beside it until {@code overlapUntil} (receivers switch over). */
    public Endpoint rotated(SigningSecret fresh, Instant overlapUntil, Instant now) {
        return new Endpoint(id, uuid, organizationId, audience, scope, name, url, events, active, disabledReason, maxAttempts, failureCount,
                lastDeliveryStatus, lastTriggeredAt, metadata, customHeaders, fresh, secret, overlapUntil, createdAt, now, deletedAt);
    }

    /** The secret replaced outright, no overlap (the owner gave it); the same secret again changes nothing. */
    public Endpoint withSecret(SigningSecret replacement, Instant now) {
        if (replacement.equals(secret)) {
            return this;
        }
        return new Endpoint(id, uuid, organizationId, audience, scope, name, url, events, active, disabledReason, maxAttempts, failureCount,
                lastDeliveryStatus, lastTriggeredAt, metadata, customHeaders, replacement, null, null, createdAt, now, deletedAt);
    }

    /** The secrets a message sent at {@code now} is signed with: the current one, and the previous one in its window. */
    public List<SigningSecret> signingSecrets(Instant now) {
        List<SigningSecret> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    public boolean subscribesTo(String eventType) {
        return events.contains(eventType);
    }
}
