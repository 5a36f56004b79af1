package dev.tollgate.webhooks.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.LaravelPagination;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.DeliverySent;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.EventTypes;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.Message;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.PaginatedDeliveries;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.PaginatedWebhooks;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.SecretRegenerated;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.Webhook;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.WebhookChanged;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.WebhookCreated;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.WebhookDelivery;
import dev.tollgate.webhooks.adapters.in.http.phptenant.WebhookViews.WebhookDetail;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase.Created;
import dev.tollgate.webhooks.domain.Delivery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** php-tenant's entitlement webhooks (ADR 0048); success messages exactly as the document gives them. */
@Controller("/api/entitlement-webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: entitlement webhooks")
final class EntitlementWebhooksController {
    /** getWebhook's "10 most recent deliveries" (ADR 0069). */
    static final int RECENT_DELIVERIES = 10;
    private final ManageEntitlementWebhooksUseCase webhooks;
    private final JsonMapper json;

    EntitlementWebhooksController(ManageEntitlementWebhooksUseCase webhooks, JsonMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @Get
    @Operation(operationId = "listWebhooks", summary = "List webhooks")
    PaginatedWebhooks list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue("workspace_id") Long workspaceId,
                           @Nullable @QueryValue Integer page, @Nullable @QueryValue("per_page") Integer perPage) {
        Page<Webhook> found = webhooks.list(caller, workspaceId, page(page, perPage, 25)).map(Webhook::of);
        return new PaginatedWebhooks(found.items(), LaravelPagination.links(found, request), LaravelPagination.meta(found));
    }

    @Post
    @Operation(operationId = "createWebhook", summary = "Create a webhook")
    HttpResponse<WebhookCreated> create(Caller caller, @Body Map<String, Object> body,
                                        @Nullable @QueryValue("workspace_id") Long workspaceId) {
        Created created = webhooks.create(caller, workspaceId, WebhookRequests.create(body));
        return HttpResponse.created(new WebhookCreated("Webhook created successfully", Webhook.of(created.webhook()), created.secret()));
    }

    @Get("/events")
    @Operation(operationId = "listWebhookEvents", summary = "List available event types")
    EventTypes events(Caller caller) {
        return new EventTypes(webhooks.eventTypes());
    }

    @Get("/{webhook}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook")
    WebhookDetail get(Caller caller, String webhook) {
        long id = WebhookRequests.id(webhook);
        Webhook found = Webhook.of(webhooks.get(caller, id));
        // "the 10 most recent deliveries" (the operation's description): listWebhookDeliveries' first page of 10, newest first
        var recent = webhooks.deliveries(caller, id, PageRequest.ofPage(1, RECENT_DELIVERIES)).items().stream().map(this::delivery).toList();
        return new WebhookDetail(found.withDeliveries(recent), webhooks.eventTypes());
    }

    @Put("/{webhook}")
    @Operation(operationId = "updateWebhook", summary = "Update a webhook")
    WebhookChanged update(Caller caller, String webhook, @Body String raw) {
        // Read from the raw body: a bound map drops a key set to null, and "metadata": null clears the metadata while
        // leaving metadata out keeps it.
        io.micronaut.json.tree.JsonNode tree = tree(raw);
        Map<String, Object> body = object(tree);
        boolean clearsMetadata = tree.get("metadata") != null && tree.get("metadata").isNull();
        return new WebhookChanged("Webhook updated successfully",
                Webhook.of(webhooks.update(caller, WebhookRequests.id(webhook), WebhookRequests.update(body, clearsMetadata))));
    }

    @Delete("/{webhook}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook")
    Message delete(Caller caller, String webhook) {
        webhooks.delete(caller, WebhookRequests.id(webhook));
        return new Message("Webhook deleted successfully");
    }

    @Post("/{webhook}/test")
    @Operation(operationId = "testWebhook", summary = "Send a test webhook")
    DeliverySent test(Caller caller, String webhook) {
        return new DeliverySent("Test webhook sent successfully", delivery(webhooks.test(caller, WebhookRequests.id(webhook))));
    }

    @Post("/{webhook}/regenerate-secret")
    @Operation(operationId = "regenerateWebhookSecret", summary = "Regenerate webhook secret")
    SecretRegenerated regenerateSecret(Caller caller, String webhook) {
        return new SecretRegenerated("Secret regenerated successfully", webhooks.regenerateSecret(caller, WebhookRequests.id(webhook)));
    }

    @Post("/{webhook}/reset-circuit-breaker")
    @Operation(operationId = "resetCircuitBreaker", summary = "Reset circuit breaker")
    WebhookChanged resetCircuitBreaker(Caller caller, String webhook) {
        return new WebhookChanged("Webhook re-enabled successfully", Webhook.of(webhooks.resetCircuitBreaker(caller, WebhookRequests.id(webhook))));
    }

    @Get("/{webhook}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List webhook deliveries")
    PaginatedDeliveries deliveries(Caller caller, HttpRequest<?> request, String webhook, @Nullable @QueryValue Integer page,
                                   @Nullable @QueryValue("per_page") Integer perPage) {
        Page<WebhookDelivery> found = webhooks.deliveries(caller, WebhookRequests.id(webhook), page(page, perPage, 50)).map(this::delivery);
        return new PaginatedDeliveries(found.items(), LaravelPagination.links(found, request), LaravelPagination.meta(found));
    }

    @Post("/deliveries/{delivery}/retry")
    @Operation(operationId = "retryDelivery", summary = "Retry a failed delivery")
    DeliverySent retry(Caller caller, String delivery) {
        return new DeliverySent("Delivery retried successfully", delivery(webhooks.retry(caller, WebhookRequests.id(delivery))));
    }

    private io.micronaut.json.tree.JsonNode tree(String raw) {
        try {
            io.micronaut.json.tree.JsonNode tree = raw == null || raw.isBlank() ? null : json.readValue(raw, io.micronaut.json.tree.JsonNode.class);
            if (tree == null || !tree.isObject()) {
                throw ValidationException.ofRequest("The request body must be a JSON object.");
            }
            return tree;
        } catch (java.io.IOException unreadable) {
            throw ValidationException.ofRequest("The request body is not valid JSON.");
        }
    }

    private Map<String, Object> object(io.micronaut.json.tree.JsonNode tree) {
        try {
            return json.readValueFromTree(tree, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException unreadable) {
            throw ValidationException.ofRequest("The request body is not valid JSON.");
        }
    }

    private WebhookDelivery delivery(Delivery d) {
        return WebhookDelivery.of(d, json);
    }

    private static PageRequest page(Integer page, Integer perPage, int defaultSize) {
        int size = perPage == null ? defaultSize : perPage;
        if (size < 1 || size > 100) {
            throw new ValidationException("per_page", "The per page field must be between 1 and 100.");
        }
        return PageRequest.ofPage(page == null ? 1 : page, size);
    }
}
