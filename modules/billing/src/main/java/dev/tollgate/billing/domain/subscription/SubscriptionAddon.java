package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An add-on bought on a subscription: the add-on version's rate cards as they were then, and a timeline of quantities
 * (sorted and continuous; a segment of 0 is a cancelation that can be bought again later). Each quantity change starts
 * a new segment, cutting or replacing what was scheduled after it.
 */
public record SubscriptionAddon(UUID id, UUID namespace, UUID subscriptionId, UUID addonId, String addonKey, int addonVersion,
                                String instanceType, String name, String description, Map<String, String> metadata,
                                List<Map<String, Object>> rateCards, List<QuantitySegment> timeline, Instant createdAt, Instant updatedAt,
                                Instant deletedAt) {
    public static final String SINGLE = "single";

    public SubscriptionAddon {
        rateCards = List.copyOf(rateCards);
        timeline = List.copyOf(timeline);
    }

    /** The add-on as OpenMeter's catalog offers it with the subscription's plan version. */
    public record Offer(UUID addonId, String key, int version, String instanceType, String status, List<Map<String, Object>> rateCards,
                        String fromPlanPhase, Integer maxQuantity) {
    }

    /** Buys {@code quantity} instances of {@code offer} on {@code s} from {@code start}. */
    public static SubscriptionAddon buy(Subscription s, Offer offer, String name, String description, Map<String, String> metadata,
                                        int quantity, Instant start, Instant now) {
        if (!"active".equals(offer.status())) {
            throw invalid("addon/id", "add-on '" + offer.key() + "' version " + offer.version() + " is " + offer.status()
                    + "; only active add-ons can be bought");
        }
        if (quantity < 1) {
            throw invalid("quantity", "must be at least 1 when buying an add-on");
        }
        requireQuantity(offer, quantity);
        requireAvailable(s, offer, start);
        requireAddable(s, offer, start);
        return new SubscriptionAddon(TypeId.newUuid(), s.namespace(), s.id(), offer.addonId(), offer.key(), offer.version(),
                offer.instanceType(), name, description, metadata, offer.rateCards(), List.of(new QuantitySegment(start, s.activeTo(), quantity)),
                now, now, null);
    }

    /** From {@code at} on, {@code quantity} instances; what was scheduled from {@code at} on is replaced. */
    public SubscriptionAddon withQuantity(Subscription s, Offer offer, int quantity, Instant at, Instant now) {
        requireQuantity(offer, quantity);
        if (at.isBefore(timeline.get(0).activeFrom())) {
            throw invalid("timing", "the add-on is bought from " + timeline.get(0).activeFrom() + "; it cannot change before (" + at + ")");
        }
        if (quantity > 0) {
            requireAvailable(s, offer, at);
            requireAddable(s, offer, at);
        }
        List<QuantitySegment> next = new ArrayList<>();
        for (QuantitySegment segment : timeline) {
            if (segment.activeFrom().isBefore(at)) {
                boolean cut = segment.activeTo() == null || segment.activeTo().isAfter(at);
                next.add(cut ? new QuantitySegment(segment.activeFrom(), at, segment.quantity()) : segment);
            }
        }
        next.add(new QuantitySegment(at, s.activeTo(), quantity));
        return new SubscriptionAddon(id, namespace, subscriptionId, addonId, addonKey, addonVersion, instanceType, name, description, metadata,
                rateCards, next, createdAt, now, deletedAt);
    }

    public SubscriptionAddon renamed(String newName, String newDescription, Map<String, String> newMetadata, Instant now) {
        return new SubscriptionAddon(id, namespace, subscriptionId, addonId, addonKey, addonVersion, instanceType,
                newName == null ? name : newName, newDescription == null ? description : newDescription,
                newMetadata == null ? metadata : newMetadata, rateCards, timeline, createdAt, now, deletedAt);
    }

    /** When the add-on takes effect: the first instant it has instances. */
    public Instant activeFrom() {
        return timeline.stream().filter(q -> q.quantity() > 0).map(QuantitySegment::activeFrom).findFirst().orElse(timeline.get(0).activeFrom());
    }

    /** When it stops having instances: the start of a trailing 0, else the last segment's end (null: never). */
    public Instant activeTo() {
        QuantitySegment last = timeline.get(timeline.size() - 1);
        return last.quantity() == 0 ? last.activeFrom() : last.activeTo();
    }

    /** The instant the quantity is read at for {@code now}: now, but not before the add-on starts. */
    public Instant quantityAt(Instant now) {
        Instant first = timeline.get(0).activeFrom();
        return now.isBefore(first) ? first : now;
    }

    public int quantity(Instant at) {
        for (QuantitySegment q : timeline) {
            if (!at.isBefore(q.activeFrom()) && (q.activeTo() == null || at.isBefore(q.activeTo()))) {
                return q.quantity();
            }
        }
        return 0;
    }

    /** The subscription items an add-on rate card extends: those with its key whose time shares the add-on's. */
    public List<UUID> affectedItems(Subscription s, String key) {
        List<UUID> out = new ArrayList<>();
        Instant from = activeFrom();
        Instant to = activeTo();
        for (int i = 0; i < s.phases().size(); i++) {
            Instant phaseEnd = s.phaseEnd(i);
            for (SubscriptionItem item : s.phases().get(i).items()) {
                Instant end = item.activeTo() == null ? phaseEnd : item.activeTo();
                boolean overlaps = (to == null || item.activeFrom().isBefore(to)) && (end == null || from.isBefore(end));
                if (item.key().equals(key) && overlaps) {
                    out.add(item.id());
                }
            }
        }
        return out;
    }

    private static void requireQuantity(Offer offer, int quantity) {
        if (quantity < 0) {
            throw invalid("quantity", "must be zero or positive");
        }
        if (SINGLE.equals(offer.instanceType()) && quantity > 1) {
            throw invalid("quantity", "add-on '" + offer.key() + "' is single-instance: its quantity is 0 or 1, not " + quantity);
        }
        if (!SINGLE.equals(offer.instanceType()) && offer.maxQuantity() != null && quantity > offer.maxQuantity()) {
            throw invalid("quantity", "the plan offers at most " + offer.maxQuantity() + " of add-on '" + offer.key() + "', not " + quantity);
        }
    }

    /** The plan offers the add-on from one of its phases on, and only while the subscription runs. */
    private static void requireAvailable(Subscription s, Offer offer, Instant at) {
        int running = s.phaseIndexAt(at);
        if (running < 0) {
            throw invalid("timing", "the subscription does not run at " + at);
        }
        for (int i = running + 1; i < s.phases().size(); i++) {
            if (s.phases().get(i).key().equals(offer.fromPlanPhase())) {
                throw invalid("addon/id", "add-on '" + offer.key() + "' is available from phase '" + offer.fromPlanPhase()
                        + "'; at " + at + " the subscription is in phase '" + s.phases().get(running).key() + "'");
            }
        }
    }

    /**
     * Each priced rate card of the add-on must add up onto the items of its key it would meet from {@code at} on
     * (ADR 0035): refused here, where the buyer can be told, rather than met later by invoicing.
     */
    private static void requireAddable(Subscription s, Offer offer, Instant at) {
        for (Map<String, Object> card : offer.rateCards()) {
            String key = String.valueOf(card.get("key"));
            for (int i = 0; i < s.phases().size(); i++) {
                Instant phaseEnd = s.phaseEnd(i);
                for (SubscriptionItem item : s.phases().get(i).items()) {
                    Instant end = item.activeTo() == null ? phaseEnd : phaseEnd == null || item.activeTo().isBefore(phaseEnd) ? item.activeTo() : phaseEnd;
                    if (!item.key().equals(key) || (end != null && !end.isAfter(at))) {
                        continue;
                    }
                    String phase = s.phases().get(i).key();
                    AddonRateCards.priceConflict(item.rateCard(), card).ifPresent(reason -> {
                        throw new ValidationException(List.of(new FieldError("addon/id", "add-on '" + offer.key() + "' cannot be added to item '"
                                + key + "' of phase '" + phase + "': " + reason, "addon_rate_card_price_incompatible")));
                    });
                }
            }
        }
    }

    static ValidationException invalid(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message, "invalid_value")));
    }
}
