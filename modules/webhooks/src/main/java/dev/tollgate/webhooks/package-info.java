/**
 * Outbound webhooks: endpoints, event types, signing, delivery queue, retries, circuit breaker, notification rules and channels.
 *
 * <p>Other modules may use only {@code dev.tollgate.webhooks.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.webhooks;
