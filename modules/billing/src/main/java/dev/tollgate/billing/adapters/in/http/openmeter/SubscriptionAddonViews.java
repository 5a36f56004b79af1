package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.application.port.in.ManageSubscriptionAddonsUseCase.Bought;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** OpenMeter's SubscriptionAddon: the quantity now, its whole timeline, and the items each rate card extends. */
final class SubscriptionAddonViews {
    private SubscriptionAddonViews() {
    }

    @Serdeable
    record AddonRef(String id, String key, int version, String instanceType) {
    }

    @Serdeable
    record SegmentView(Instant activeFrom, @Nullable Instant activeTo, int quantity) {
    }

    @Serdeable
    record RateCardView(Map<String, Object> rateCard, List<String> affectedSubscriptionItemIds) {
    }

    @Serdeable
    record SubscriptionAddonView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata,
                                 Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt, Instant activeFrom,
                                 @Nullable Instant activeTo, AddonRef addon, Instant quantityAt, int quantity, List<SegmentView> timeline,
                                 String subscriptionId, List<RateCardView> rateCards) {
        static SubscriptionAddonView of(Bought bought, Instant now) {
            SubscriptionAddon a = bought.addon();
            Instant at = a.quantityAt(now);
            return new SubscriptionAddonView(Ulid.of(a.id()), a.name(), a.description(), a.metadata(), a.createdAt(), a.updatedAt(),
                    a.deletedAt(), a.activeFrom(), a.activeTo(), new AddonRef(Ulid.of(a.addonId()), a.addonKey(), a.addonVersion(),
                    a.instanceType()), at, a.quantity(at),
                    a.timeline().stream().map(q -> new SegmentView(q.activeFrom(), q.activeTo(), q.quantity())).toList(),
                    Ulid.of(a.subscriptionId()), a.rateCards().stream().map(card -> new RateCardView(card,
                            a.affectedItems(bought.subscription(), String.valueOf(card.get("key"))).stream().map(Ulid::of).toList())).toList());
        }
    }
}
