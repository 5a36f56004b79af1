package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to one endpoint. {@code messageId} is the {@code webhook-id} of every attempt, so a receiver
 * that sees it twice (a retry, or a resend after a crash) knows it is the same message.
 */
public record Delivery(long id, UUID uuid, long endpointId, String messageId, String eventType, String payload,
                       DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer httpStatus, String response,
                       String lastError, boolean resentManually, Instant createdAt, Instant updatedAt) {
}
