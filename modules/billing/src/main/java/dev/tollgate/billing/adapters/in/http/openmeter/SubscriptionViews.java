package dev.tollgate.billing.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionItem;
import dev.tollgate.billing.domain.subscription.SubscriptionPhase;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions as OpenMeter shows them, seen at an instant (the status, the current billing period, which item version
 * a phase shows). An item's {@code billingCadence} and {@code price} are written even when null (one-time, free); its
 * rate card's price, discounts and tax settings stay the JSON objects the catalog checked.
 */
final class SubscriptionViews {
    private SubscriptionViews() {
    }

    /** What Subscription and SubscriptionExpanded share. */
    @Serdeable
    record Header(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, Instant createdAt,
                  Instant updatedAt, @Nullable Instant deletedAt, Instant activeFrom, @Nullable Instant activeTo, Map<String, Object> annotations,
                  String status, String customerId, @Nullable PlanReferenceView plan, String currency, String billingCadence,
                  ProRatingConfig proRatingConfig, Instant billingAnchor) {
        static Header of(Subscription s, Instant at) {
            return new Header(Ulid.of(s.id()), s.name(), s.description(), s.metadata(), s.createdAt(), s.updatedAt(), s.deletedAt(),
                    s.activeFrom(), s.activeTo(), s.annotations(), s.status(at).wire(), s.customerId(),
                    s.plan() == null ? null : new PlanReferenceView(Ulid.of(s.plan().id()), s.plan().key(), s.plan().version()), s.currency(),
                    s.billingCadence().text(), new ProRatingConfig(s.proRating(), "prorate_prices"), s.billingAnchor());
        }
    }

    @Serdeable
    record PlanReferenceView(String id, String key, int version) {
    }

    @Serdeable
    record ProRatingConfig(boolean enabled, String mode) {
    }

    /** Subscriptions are always aligned: every rate card's cadence divides into or by the plan's (the catalog checks it). */
    @Serdeable
    record Alignment(boolean billablesMustAlign, @Nullable PeriodView currentAlignedBillingPeriod) {
    }

    @Serdeable
    record PeriodView(Instant from, Instant to) {
        static PeriodView of(Period p) {
            return new PeriodView(p.from(), p.to());
        }
    }

    @Serdeable
    record SubscriptionView(@JsonUnwrapped Header header, Alignment alignment) {
        static SubscriptionView of(Subscription s, Instant at) {
            return new SubscriptionView(Header.of(s, at), new Alignment(true, null));
        }
    }

    /** With its phases; the current aligned billing period only while it is active (or canceled but still running). */
    @Serdeable
    record SubscriptionExpandedView(@JsonUnwrapped Header header, Alignment alignment, List<PhaseView> phases) {
        static SubscriptionExpandedView of(Subscription s, Instant at) {
            SubscriptionStatus status = s.status(at);
            boolean running = status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.CANCELED;
            PeriodView current = running ? s.alignedPeriodAt(at).map(PeriodView::of).orElse(null) : null;
            return new SubscriptionExpandedView(Header.of(s, at), new Alignment(true, current),
                    s.visiblePhases().stream().map(i -> PhaseView.of(s.phases().get(i), s.phaseEnd(i), at)).toList());
        }
    }

    @Serdeable
    record PhaseView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, Instant createdAt,
                     Instant updatedAt, String key, Instant activeFrom, @Nullable Instant activeTo, List<ItemView> items,
                     Map<String, List<ItemView>> itemTimelines) {
        static PhaseView of(SubscriptionPhase p, Instant end, Instant at) {
            Map<String, List<ItemView>> timelines = new LinkedHashMap<>();
            p.timelines().forEach((key, versions) -> timelines.put(key, versions.stream().map(v -> ItemView.of(v, end)).toList()));
            return new PhaseView(Ulid.of(p.id()), p.name(), p.description(), p.metadata(), p.createdAt(), p.updatedAt(), p.key(),
                    p.activeFrom(), end, p.itemsAt(at, end).stream().map(i -> ItemView.of(i, end)).toList(), timelines);
        }
    }

    @Serdeable
    record ItemView(String id, String name, @Nullable String description, @Nullable Map<String, String> metadata, Instant createdAt,
                    Instant updatedAt, Instant activeFrom, @Nullable Instant activeTo, String key, @Nullable String featureKey,
                    @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String billingCadence,
                    @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Map<String, Object> price, @Nullable Map<String, Object> discounts,
                    @Nullable Map<String, Object> taxConfig) {
        @SuppressWarnings("unchecked")
        static ItemView of(SubscriptionItem i, Instant phaseEnd) {
            Map<String, Object> card = i.rateCard();
            Instant end = i.activeTo() == null ? phaseEnd : phaseEnd == null || i.activeTo().isBefore(phaseEnd) ? i.activeTo() : phaseEnd;
            return new ItemView(Ulid.of(i.id()), (String) card.get("name"), (String) card.get("description"),
                    (Map<String, String>) card.get("metadata"), i.createdAt(), i.updatedAt(), i.activeFrom(), end, i.key(),
                    (String) card.get("featureKey"), (String) card.get("billingCadence"), (Map<String, Object>) card.get("price"),
                    (Map<String, Object>) card.get("discounts"), (Map<String, Object>) card.get("taxConfig"));
        }
    }

    @Serdeable
    record ChangeView(SubscriptionView current, SubscriptionExpandedView next) {
    }
}
