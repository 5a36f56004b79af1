package dev.tollgate.webhooks.application.service;

import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.webhooks.application.port.in.RaiseDatabaseEventsUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.domain.Audience;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PlanetScale's webhook body: {@code timestamp} (Unix seconds), {@code event}, {@code organization} (its name),
 * {@code database} and {@code resource}. One delivery per subscribed webhook of the database, each with a message id of
 * its own that its retries keep.
 */
@Singleton
final class DatabaseEventFanOut implements RaiseDatabaseEventsUseCase {
    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final TenancyApi tenancy;

    DatabaseEventFanOut(EndpointStore endpoints, DeliveryStore deliveries, TenancyApi tenancy) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.tenancy = tenancy;
    }

    @Override
    public void raise(UUID sourceId, UUID organizationId, String scope, String database, String eventType, Instant occurredAt,
                      Map<String, Object> resource) {
        List<Long> subscribed = endpoints.subscribers(organizationId, Audience.PLANETSCALE, scope, eventType);
        if (subscribed.isEmpty()) {
            return;
        }
        var organization = tenancy.findOrganization(organizationId);
        if (organization.isEmpty()) {
            return; // gone: nobody to tell
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", occurredAt.getEpochSecond());
        body.put("event", eventType);
        body.put("organization", organization.get().slug());
        body.put("database", database);
        body.put("resource", resource);
        List<NewDelivery> queued = new ArrayList<>();
        for (long endpoint : subscribed) {
            UUID messageId = UUID.nameUUIDFromBytes((sourceId + ":" + endpoint).getBytes(StandardCharsets.UTF_8));
            queued.add(new NewDelivery(endpoint, messageId.toString(), sourceId.toString(), eventType, body, null));
        }
        deliveries.enqueue(queued);
    }
}
