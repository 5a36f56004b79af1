package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.Endpoint;
import java.util.List;
import java.util.Map;

/** php-tenant's entitlement webhooks of a workspace (ADR 0048): CRUD, test sends, secret rotation, breaker, history. */
public interface ManageEntitlementWebhooksUseCase {
    /** The five event types and their documented descriptions, in the document's order. */
    Map<String, String> eventTypes();

    /** An endpoint as php-tenant shows it: with its workspace's number and how many deliveries it has. */
    record WebhookView(Endpoint endpoint, long workspaceNumber, long deliveriesCount) {
    }

    /** A created endpoint and its secret, shown this once. */
    record Created(WebhookView webhook, String secret) {
    }

    record CreateCommand(String name, String url, List<String> events, String secret, Map<String, Object> metadata) {
    }

    /** Null fields are left as they are; {@code metadataGiven} tells an explicit null metadata from an absent one. */
    record UpdateCommand(String name, String url, List<String> events, Boolean active, Integer maxAttempts,
                         Map<String, Object> metadata, boolean metadataGiven) {
    }

    /** @param workspaceNumber php-tenant's workspace id, or null for the caller's current workspace */
    Page<WebhookView> list(Caller caller, Long workspaceNumber, PageRequest page);

    Created create(Caller caller, Long workspaceNumber, CreateCommand command);

    WebhookView get(Caller caller, long webhookId);

    WebhookView update(Caller caller, long webhookId, UpdateCommand command);

    void delete(Caller caller, long webhookId);

    /** Sends a test event now; refused with {@code invalid_webhook_url} when the URL is no longer allowed. */
    Delivery test(Caller caller, long webhookId);

    /** A new secret, shown this once; the previous one keeps signing for the overlap window. */
    String regenerateSecret(Caller caller, long webhookId);

    WebhookView resetCircuitBreaker(Caller caller, long webhookId);

    Page<Delivery> deliveries(Caller caller, long webhookId, PageRequest page);

    /** Sends a failed (or still pending) delivery again now; a successful one is refused. */
    Delivery retry(Caller caller, long deliveryId);
}
