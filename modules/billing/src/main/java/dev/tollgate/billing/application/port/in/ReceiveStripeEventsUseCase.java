package dev.tollgate.billing.application.port.in;

import java.time.Instant;

/**
 * Stripe's webhook (OpenMeter's appStripeWebhook): an event is verified with the app's signing secret, stored before
 * it is acknowledged (a replay is acknowledged again and does nothing), and processed by the worker.
 */
public interface ReceiveStripeEventsUseCase {
    record Receipt(String namespaceId, String appId, String message) {
    }

    /** Not found for an unknown or uninstalled app; a bad or stale signature is a 400. */
    Receipt receive(String appId, String payload, String signatureHeader);

    /** The same for the platform's own Stripe app (Centrali's webhook, ADR 0042); 409 when none is connected. */
    Receipt receivePlatform(String payload, String signatureHeader);

    /** Processes the events that are due; returns how many were taken. */
    int processDue(Instant now, int limit);
}
