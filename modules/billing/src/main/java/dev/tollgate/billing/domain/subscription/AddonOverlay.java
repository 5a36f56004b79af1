package dev.tollgate.billing.domain.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A subscription's items with its add-ons laid over them (digest 003b §3.3, ADR 0035): per phase and key, the item
 * versions cut wherever an add-on's quantity changes what they bill or grant, each piece carrying its add-on rate cards
 * added on ({@link AddonRateCards}). An add-on rate card whose key no item of the phase has at that time becomes an item
 * of its own while it has instances.
 *
 * <p>Every piece has a label that stays the same whatever is bought later, because invoice lines are told apart by it
 * (§3.13): {@code v[<n>]} for the piece that starts where version n starts (exactly today's label when nothing is
 * bought), {@code v[<n>]/since[<instant>]} for a later piece of it, {@code addon/since[<instant>]} for an add-on's own
 * item. A purchase only ever cuts time from its own instant on, so no earlier piece is renamed.
 */
public record AddonOverlay(Subscription subscription, List<Map<String, List<ItemVersion>>> phases) {
    /** One effective version of an item: its rate card with the add-ons added on, its window, and its stable label. */
    public record ItemVersion(SubscriptionItem item, String label) {
    }

    public AddonOverlay {
        phases = List.copyOf(phases);
    }

    public static AddonOverlay of(Subscription s, List<SubscriptionAddon> addons) {
        List<SubscriptionAddon> live = addons.stream().filter(a -> a.deletedAt() == null && a.subscriptionId().equals(s.id())).toList();
        List<Map<String, List<ItemVersion>>> phases = new ArrayList<>();
        for (int i = 0; i < s.phases().size(); i++) {
            phases.add(phase(s, i, live));
        }
        return new AddonOverlay(s, phases);
    }

    /** Phase {@code i}'s effective versions by key, each key's in time order. */
    public Map<String, List<ItemVersion>> timelines(int i) {
        return phases.get(i);
    }

    /**
     * Phase {@code i}'s versions as invoicing sees them: neighbouring pieces of one version (or of the add-ons' own item)
     * that differ only in what they entitle are one, so an allowance bought never cuts a usage period (a graduated price
     * would start its tiers again) nor renames a line.
     */
    public Map<String, List<ItemVersion>> billedTimelines(int i) {
        Map<String, List<ItemVersion>> out = new LinkedHashMap<>();
        phases.get(i).forEach((key, versions) -> {
            List<ItemVersion> merged = new ArrayList<>();
            for (ItemVersion v : versions) {
                ItemVersion last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                boolean sameVersion = last != null && (last.item().id().equals(v.item().id())
                        || (last.label().startsWith("addon/") && v.label().startsWith("addon/")));
                if (sameVersion && v.item().activeFrom().equals(last.item().activeTo()) && billed(last).equals(billed(v))) {
                    SubscriptionItem l = last.item();
                    merged.set(merged.size() - 1, new ItemVersion(new SubscriptionItem(l.id(), l.key(), l.rateCard(), l.activeFrom(),
                            v.item().activeTo(), l.createdAt(), l.updatedAt()), last.label()));
                } else {
                    merged.add(v);
                }
            }
            out.put(key, merged);
        });
        return out;
    }

    private static Map<String, Object> billed(ItemVersion v) {
        Map<String, Object> card = new LinkedHashMap<>(v.item().rateCard());
        card.remove("entitlementTemplate");
        return card;
    }

    /** The subscription with each phase's items replaced by the effective versions: what {@link Entitling} reads. */
    public Subscription overlaid() {
        List<SubscriptionPhase> out = new ArrayList<>();
        for (int i = 0; i < subscription.phases().size(); i++) {
            List<SubscriptionItem> items = phases.get(i).values().stream().flatMap(List::stream).map(ItemVersion::item).toList();
            SubscriptionPhase p = subscription.phases().get(i);
            out.add(p.withItems(items, p.updatedAt()));
        }
        return subscription.withPhases(out, subscription.updatedAt());
    }

    private record Applying(SubscriptionAddon addon, Map<String, Object> card) {
    }

    /** A stretch of one key's time in which the effective rate card is the same. */
    private record Piece(int version, Instant from, Instant to, Map<String, Object> card) {
    }

    private static Map<String, List<ItemVersion>> phase(Subscription s, int i, List<SubscriptionAddon> addons) {
        SubscriptionPhase phase = s.phases().get(i);
        Map<String, List<SubscriptionItem>> timelines = phase.timelines();
        Map<String, List<Applying>> cardsByKey = new LinkedHashMap<>();
        for (SubscriptionAddon addon : addons) {
            for (Map<String, Object> card : addon.rateCards()) {
                cardsByKey.computeIfAbsent(String.valueOf(card.get("key")), k -> new ArrayList<>()).add(new Applying(addon, card));
            }
        }
        Set<String> keys = new LinkedHashSet<>(timelines.keySet());
        keys.addAll(cardsByKey.keySet());
        Map<String, List<ItemVersion>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<SubscriptionItem> versions = timelines.getOrDefault(key, List.of());
            List<Applying> cards = cardsByKey.getOrDefault(key, List.of());
            List<ItemVersion> effective = cards.isEmpty() ? asPlanned(versions) : overlaid(s, i, key, versions, cards);
            if (!effective.isEmpty()) {
                out.put(key, effective);
            }
        }
        return out;
    }

    /** A key no add-on touches: its versions as they are, labelled as they always were. */
    private static List<ItemVersion> asPlanned(List<SubscriptionItem> versions) {
        List<ItemVersion> out = new ArrayList<>();
        for (int v = 0; v < versions.size(); v++) {
            out.add(new ItemVersion(versions.get(v), "v[" + v + "]"));
        }
        return out;
    }

    private static List<ItemVersion> overlaid(Subscription s, int i, String key, List<SubscriptionItem> versions, List<Applying> cards) {
        Instant phaseFrom = s.phases().get(i).activeFrom();
        Instant phaseTo = s.phaseEnd(i);
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(phaseFrom);
        for (SubscriptionItem v : versions) {
            cut(cuts, v.activeFrom(), phaseFrom, phaseTo);
            cut(cuts, v.activeTo(), phaseFrom, phaseTo);
        }
        for (Applying a : cards) {
            for (QuantitySegment q : a.addon().timeline()) {
                cut(cuts, q.activeFrom(), phaseFrom, phaseTo);
                cut(cuts, q.activeTo(), phaseFrom, phaseTo);
            }
        }
        List<Instant> starts = new ArrayList<>(cuts);
        List<Piece> pieces = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            Instant from = starts.get(k);
            Instant to = k + 1 < starts.size() ? starts.get(k + 1) : phaseTo;
            int v = versionAt(versions, from, phaseTo);
            List<AddonRateCards.Applied> applied = new ArrayList<>();
            for (Applying a : cards) {
                int quantity = a.addon().quantity(from);
                if (quantity > 0) {
                    applied.add(new AddonRateCards.Applied(a.card(), quantity));
                }
            }
            if (v < 0 && applied.isEmpty()) {
                continue;
            }
            Map<String, Object> base = v < 0 ? null : versions.get(v).rateCard();
            Map<String, Object> card = applied.isEmpty() ? base : AddonRateCards.overlay(base, applied);
            Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
            if (last != null && last.version() == v && from.equals(last.to()) && last.card().equals(card)) {
                pieces.set(pieces.size() - 1, new Piece(v, last.from(), to, card)); // nothing changed at this cut
            } else {
                pieces.add(new Piece(v, from, to, card));
            }
        }
        return pieces.stream().map(p -> p.version() < 0 ? ownItem(s, i, key, p) : pieceOf(versions.get(p.version()), p, phaseFrom, phaseTo))
                .toList();
    }

    private static ItemVersion pieceOf(SubscriptionItem version, Piece p, Instant phaseFrom, Instant phaseTo) {
        Instant versionFrom = version.activeFrom().isAfter(phaseFrom) ? version.activeFrom() : phaseFrom;
        boolean first = p.from().equals(versionFrom);
        Instant versionTo = earliest(version.activeTo(), phaseTo);
        boolean last = p.to() == null || p.to().equals(versionTo);
        Map<String, Object> card = p.card();
        if (!first && card.get("billingCadence") == null && card.get("price") != null) {
            card = new LinkedHashMap<>(card); // a one-time fee is billed with the version's first piece, not again at every cut
            card.put("price", null);
        }
        SubscriptionItem item = new SubscriptionItem(version.id(), version.key(), card, first ? version.activeFrom() : p.from(),
                last ? version.activeTo() : p.to(), version.createdAt(), version.updatedAt());
        return new ItemVersion(item, "v[" + p.version() + "]" + (first ? "" : "/since[" + p.from() + "]"));
    }

    /** An add-on rate card no item of the phase has: an item of its own, its id derived from what it is so it is stable. */
    private static ItemVersion ownItem(Subscription s, int i, String key, Piece p) {
        String label = "addon/since[" + p.from() + "]";
        UUID id = UUID.nameUUIDFromBytes((s.id() + "/" + s.phases().get(i).key() + "/" + key + "/" + label).getBytes(StandardCharsets.UTF_8));
        return new ItemVersion(new SubscriptionItem(id, key, p.card(), p.from(), p.to(), s.createdAt(), s.updatedAt()), label);
    }

    /** The version of a key running at {@code t}; -1 when none does. */
    private static int versionAt(List<SubscriptionItem> versions, Instant t, Instant phaseTo) {
        for (int v = 0; v < versions.size(); v++) {
            if (versions.get(v).activeAt(t, phaseTo)) {
                return v;
            }
        }
        return -1;
    }

    private static void cut(TreeSet<Instant> cuts, Instant at, Instant phaseFrom, Instant phaseTo) {
        if (at != null && at.isAfter(phaseFrom) && (phaseTo == null || at.isBefore(phaseTo))) {
            cuts.add(at);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
