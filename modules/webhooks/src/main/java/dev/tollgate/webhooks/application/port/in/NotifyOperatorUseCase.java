package dev.tollgate.webhooks.application.port.in;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Tells the platform operator about something a workspace did that needs a person (a support issue filed or answered),
 * through the operator's own notification channels: the webhook channels of the system namespace, which the operator
 * registers with OpenMeter's notification API under the internal secret.
 */
public interface NotifyOperatorUseCase {
    /**
     * Queues one delivery per active channel of the system namespace, in the caller's transaction; {@code sourceId}
     * (the outbox event's id) makes a repeat add nothing.
     */
    void notifyOperator(UUID sourceId, String eventType, Instant occurredAt, Map<String, Object> data);
}
