package dev.tollgate.webhooks.adapters.in.events;

import dev.tollgate.entitlements.api.events.BoostChanged;
import dev.tollgate.entitlements.api.events.FeatureLimitCrossed;
import dev.tollgate.entitlements.api.events.PackageChanged;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.webhooks.application.port.in.RaiseEntitlementEventsUseCase;
import dev.tollgate.webhooks.domain.EntitlementEventTypes;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Entitlements' events reach php-tenant's webhooks through the outbox (ADR 0048): one node queues their deliveries, in
 * the transaction that records the event as handled, so each is queued once.
 */
@Factory
final class EntitlementEventsToWebhooks {
    @Singleton
    OutboxConsumer<FeatureLimitCrossed> limitsToWebhooks(RaiseEntitlementEventsUseCase raise) {
        return consumer("webhooks-feature-limits", FeatureLimitCrossed.class, raise, e -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("feature_code", e.featureCode());
            data.put("feature_name", e.featureName());
            data.put("limit", e.limit());
            data.put("used", e.used());
            data.put("usage_percentage", e.usagePercentage());
            return new Raised(e.organizationPublicId(), FeatureLimitCrossed.WARNING.equals(e.threshold())
                    ? EntitlementEventTypes.LIMIT_WARNING : EntitlementEventTypes.LIMIT_REACHED, e.occurredAt(), data);
        });
    }

    @Singleton
    OutboxConsumer<PackageChanged> packagesToWebhooks(RaiseEntitlementEventsUseCase raise) {
        return consumer("webhooks-packages", PackageChanged.class, raise, e -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("entitlement_id", e.entitlementId());
            data.put("package_code", e.packageCode());
            data.put("package_name", e.packageName());
            data.put("status", e.status());
            data.put("change", e.change());
            data.put("expires_at", e.expiresAt() == null ? null : e.expiresAt().toString());
            return new Raised(e.organizationPublicId(), EntitlementEventTypes.PACKAGE_CHANGED, e.occurredAt(), data);
        });
    }

    @Singleton
    OutboxConsumer<BoostChanged> boostsToWebhooks(RaiseEntitlementEventsUseCase raise) {
        return consumer("webhooks-boosts", BoostChanged.class, raise, e -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("feature", e.featureCode());
            data.put("value", e.value());
            data.put("type", e.type());
            data.put("expires_at", e.expiresAt() == null ? null : e.expiresAt().toString());
            return new Raised(e.organizationPublicId(), e.active() ? EntitlementEventTypes.BOOST_ACTIVATED : EntitlementEventTypes.BOOST_EXPIRED,
                    e.occurredAt(), data);
        });
    }

    private record Raised(String organizationPublicId, String type, Instant occurredAt, Map<String, Object> data) {
    }

    private static <E extends Record> OutboxConsumer<E> consumer(String name, Class<E> type, RaiseEntitlementEventsUseCase raise,
                                                                 Function<E, Raised> toRaised) {
        return new OutboxConsumer<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<E> eventType() {
                return type;
            }

            @Override
            public Scope scope() {
                return Scope.CLUSTER;
            }

            @Override
            public void deliver(UUID eventId, E event) {
                Raised r = toRaised.apply(event);
                raise.raise(eventId, r.organizationPublicId(), r.type(), r.occurredAt(), r.data());
            }
        };
    }
}
