package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.webhooks.application.port.in.NotifyOperatorUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.application.port.out.EndpointStore.Search;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Endpoint;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operator's inbox is every active webhook channel of the system namespace. The body follows OpenMeter's
 * notification event ({@code id}, {@code type}, {@code createdAt}, {@code data}), signed and retried by the same
 * engine as every other delivery.
 */
@Singleton
final class OperatorNotifications implements NotifyOperatorUseCase {
    /** The operator keeps a handful of channels; more than this many is not an inbox. */
    private static final int MAX_CHANNELS = 100;
    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;

    OperatorNotifications(EndpointStore endpoints, DeliveryStore deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Override
    public void notifyOperator(UUID sourceId, String eventType, Instant occurredAt, Map<String, Object> data) {
        List<Endpoint> channels = endpoints.search(TenancyApi.SYSTEM_NAMESPACE, Audience.OPENMETER,
                new Search(false, false, null, "id", false), new PageRequest(0, MAX_CHANNELS)).items();
        if (channels.isEmpty()) {
            return;
        }
        List<NewDelivery> queued = new ArrayList<>();
        for (Endpoint channel : channels) {
            // The body's id is the message's, which its webhook-id header carries too (as OpenMeter's events do).
            String messageId = UUID.nameUUIDFromBytes((sourceId + ":" + channel.id()).getBytes(StandardCharsets.UTF_8)).toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", messageId);
            body.put("type", eventType);
            body.put("createdAt", occurredAt.toString());
            body.put("data", data);
            queued.add(new NewDelivery(channel.id(), messageId, sourceId.toString(), eventType, body, null));
        }
        deliveries.enqueue(queued);
    }
}
