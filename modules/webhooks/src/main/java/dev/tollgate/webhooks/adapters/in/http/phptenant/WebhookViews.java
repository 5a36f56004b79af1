package dev.tollgate.webhooks.adapters.in.http.phptenant;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;
import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.http.LaravelPagination;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase.WebhookView;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.Endpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** php-tenant's Webhook and WebhookDelivery objects and the bodies around them; every documented key is written. */
final class WebhookViews {
    private WebhookViews() {
    }

    @Serdeable
    record Webhook(long id, String uuid, long workspace_id, String name, String url, List<String> events, boolean is_active, int max_attempts,
                   @JsonInclude(ALWAYS) @Nullable String last_delivery_status, @JsonInclude(ALWAYS) @Nullable String last_triggered_at,
                   int failure_count, @JsonInclude(ALWAYS) @Nullable Map<String, Object> metadata, long deliveries_count,
                   String created_at, String updated_at,
                   @JsonInclude(NON_NULL) @Nullable List<WebhookDelivery> deliveries) {

        static Webhook of(WebhookView view) {
            Endpoint e = view.endpoint();
            return new Webhook(e.id(), e.uuid().toString(), view.workspaceNumber(), e.name(), e.url(), e.events(), e.active(), e.maxAttempts(),
                    e.lastDeliveryStatus() == null ? null : e.lastDeliveryStatus().wire(),
                    e.lastTriggeredAt() == null ? null : e.lastTriggeredAt().toString(), e.failureCount(), e.metadata(),
                    view.deliveriesCount(), e.createdAt().toString(), e.updatedAt().toString(), null);
        }

        /**
         * getWebhook's webhook: with its most recent deliveries, newest first, under {@code deliveries} (the relation
         * Laravel loads beside {@code deliveries_count}; ADR 0069). Only getWebhook shows them: elsewhere the key is
         * null and left out, while none here is {@code []}.
         */
        Webhook withDeliveries(List<WebhookDelivery> recent) {
            return new Webhook(id, uuid, workspace_id, name, url, events, is_active, max_attempts, last_delivery_status, last_triggered_at,
                    failure_count, metadata, deliveries_count, created_at, updated_at, List.copyOf(recent));
        }
    }

    @Serdeable
    record WebhookDelivery(long id, String uuid, long webhook_id, String event, int attempts, String status,
                           @JsonInclude(ALWAYS) @Nullable Integer http_status, @JsonInclude(ALWAYS) @Nullable String resend_at,
                           boolean resent_manually, Map<String, Object> payload, @JsonInclude(ALWAYS) @Nullable Map<String, Object> response,
                           String created_at) {

        static WebhookDelivery of(Delivery d, JsonMapper json) {
            return new WebhookDelivery(d.id(), d.uuid().toString(), d.endpointId(), d.eventType(), d.attempts(), d.status().wire(), d.httpStatus(),
                    d.nextAttemptAt() == null || d.status() != dev.tollgate.webhooks.domain.DeliveryStatus.PENDING ? null : d.nextAttemptAt().toString(),
                    d.resentManually(), object(d.payload(), json), response(d.response(), json), d.createdAt().toString());
        }

        /** The endpoint's answer: its JSON object when it sent one, else its text under {@code body}; null before any answer. */
        private static Map<String, Object> response(String body, JsonMapper json) {
            if (body == null || body.isEmpty()) {
                return null;
            }
            Map<String, Object> parsed = object(body, json);
            return parsed != null ? parsed : Map.of("body", body);
        }

        private static Map<String, Object> object(String text, JsonMapper json) {
            try {
                return json.readValue(text, Argument.mapOf(String.class, Object.class));
            } catch (IOException | RuntimeException notAnObject) {
                return null;
            }
        }
    }

    @Serdeable
    record PaginatedWebhooks(List<Webhook> data, LaravelPagination.Links links, LaravelPagination.Meta meta) {
    }

    @Serdeable
    record PaginatedDeliveries(List<WebhookDelivery> data, LaravelPagination.Links links, LaravelPagination.Meta meta) {
    }

    @Serdeable
    record WebhookCreated(String message, Webhook webhook, String secret) {
    }

    @Serdeable
    record WebhookDetail(Webhook webhook, Map<String, String> available_events) {
    }

    @Serdeable
    record WebhookChanged(String message, Webhook webhook) {
    }

    @Serdeable
    record Message(String message) {
    }

    @Serdeable
    record DeliverySent(String message, WebhookDelivery delivery) {
    }

    @Serdeable
    record SecretRegenerated(String message, String secret) {
    }

    @Serdeable
    record EventTypes(Map<String, String> events) {
    }
}
