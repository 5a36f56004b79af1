package dev.tollgate.webhooks.application.service;

import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.webhooks.application.port.in.RaiseEntitlementEventsUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.EntitlementEventTypes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One delivery per subscribed php-tenant webhook; each with a message id of its own, the same on all its attempts. */
@Singleton
final class EntitlementEventFanOut implements RaiseEntitlementEventsUseCase {
    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final TenancyApi tenancy;
    private final AccountsApi accounts;

    EntitlementEventFanOut(EndpointStore endpoints, DeliveryStore deliveries, TenancyApi tenancy, AccountsApi accounts) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.tenancy = tenancy;
        this.accounts = accounts;
    }

    @Override
    public void raise(UUID sourceId, String organizationPublicId, String eventType, Instant occurredAt, Map<String, Object> data) {
        var organization = tenancy.findOrganization(organizationPublicId);
        if (organization.isEmpty()) {
            return; // gone (or going): nobody to tell
        }
        UUID organizationId = organization.get().id();
        List<Long> subscribed = endpoints.subscribers(organizationId, Audience.PHP_TENANT, null, eventType);
        if (subscribed.isEmpty()) {
            return;
        }
        long workspace = accounts.workspace(organizationId).map(AccountsApi.Workspace::number).orElse(0L);
        List<NewDelivery> queued = new ArrayList<>();
        for (long endpoint : subscribed) {
            UUID messageId = UUID.nameUUIDFromBytes((sourceId + ":" + endpoint).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            queued.add(new NewDelivery(endpoint, messageId.toString(), sourceId.toString(), eventType,
                    EntitlementEventTypes.envelope(messageId, eventType, workspace, occurredAt, data), null));
        }
        deliveries.enqueue(queued);
    }
}
