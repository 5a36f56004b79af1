package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.SubscriptionAddonStore;
import dev.tollgate.billing.domain.subscription.QuantitySegment;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.UniqueViolations;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSubscriptionAddonStore implements SubscriptionAddonStore {
    private final SubscriptionAddonRowRepository rows;

    JdbcSubscriptionAddonStore(SubscriptionAddonRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(SubscriptionAddon a) {
        // Two requests buying the same add-on at once: the unique (subscription_id, addon_id) decides.
        UniqueViolations.translate(() -> Rows.upsert(rows, a.id(), toRow(a)), () -> new ConflictException("subscription_addon_exists",
                "the subscription already has add-on '" + a.addonKey() + "'; change its quantity instead"));
    }

    @Override
    public Optional<SubscriptionAddon> find(UUID namespace, UUID subscriptionId, UUID id) {
        return rows.findByNamespaceAndSubscriptionIdAndId(namespace, subscriptionId, id).map(JdbcSubscriptionAddonStore::toDomain);
    }

    @Override
    public List<SubscriptionAddon> ofSubscription(UUID namespace, UUID subscriptionId) {
        return rows.findByNamespaceAndSubscriptionIdOrderByCreatedAt(namespace, subscriptionId).stream().map(JdbcSubscriptionAddonStore::toDomain)
                .toList();
    }

    @Override
    public java.util.Map<UUID, List<SubscriptionAddon>> ofSubscriptions(UUID namespace, java.util.Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return java.util.Map.of();
        }
        return rows.findByNamespaceAndSubscriptionIdInOrderByCreatedAt(namespace, subscriptionIds).stream().map(JdbcSubscriptionAddonStore::toDomain)
                .collect(java.util.stream.Collectors.groupingBy(SubscriptionAddon::subscriptionId, java.util.stream.Collectors.toList()));
    }

    private static SubscriptionAddonRow toRow(SubscriptionAddon a) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("rateCards", a.rateCards());
        terms.put("timeline", a.timeline().stream().map(q -> {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("activeFrom", SubscriptionDocuments.text(q.activeFrom()));
            segment.put("activeTo", SubscriptionDocuments.text(q.activeTo()));
            segment.put("quantity", q.quantity());
            return segment;
        }).toList());
        return new SubscriptionAddonRow(a.id(), a.namespace(), a.subscriptionId(), a.addonId(), a.addonKey(), a.addonVersion(), a.instanceType(),
                a.name(), a.description(), a.metadata(), terms, a.createdAt(), a.updatedAt(), a.deletedAt());
    }

    @SuppressWarnings("unchecked")
    private static SubscriptionAddon toDomain(SubscriptionAddonRow r) {
        List<Map<String, Object>> cards = (List<Map<String, Object>>) r.terms().get("rateCards");
        List<QuantitySegment> timeline = ((List<Map<String, Object>>) r.terms().get("timeline")).stream().map(q -> new QuantitySegment(
                SubscriptionDocuments.instant(q.get("activeFrom")), SubscriptionDocuments.instant(q.get("activeTo")),
                ((Number) q.get("quantity")).intValue())).toList();
        return new SubscriptionAddon(r.id(), r.namespace(), r.subscriptionId(), r.addonId(), r.addonKey(), r.addonVersion(), r.instanceType(),
                r.name(), r.description(), r.metadata(), cards, timeline, r.createdAt(), r.updatedAt(), r.deletedAt());
    }
}
