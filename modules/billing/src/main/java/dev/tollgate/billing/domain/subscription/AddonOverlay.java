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
public record AddonOverlay(Subscription subscription, List<Map<String, List<ItemVersion>>> phases,
                           List<Map<String, List<ItemVersion>>> billed) {
    /** One effective version of an item: its rate card with the add-ons added on, its window, and its stable label. */
    public record ItemVersion(SubscriptionItem item, String label) {
    }

    public AddonOverlay {
        phases = List.copyOf(phases);
        billed = List.copyOf(billed);
    }

    public static AddonOverlay of(Subscription s, List<SubscriptionAddon> addons) {
        List<SubscriptionAddon> live = addons.stream().filter(a -> a.deletedAt() == null && a.subscriptionId().equals(s.id())).toList();
        List<Map<String, List<ItemVersion>>> phases = new ArrayList<>();
        List<Map<String, List<ItemVersion>>> billed = new ArrayList<>();
        for (int i = 0; i < s.phases().size(); i++) {
            phases.add(phase(s, i, live, false));
            Map<String, List<ItemVersion>> invoiced = phase(s, i, live, true);
            fees(s, i, live).forEach((key, fees) -> invoiced.computeIfAbsent(key, k -> new ArrayList<>()).addAll(fees));
            billed.add(invoiced);
        }
        return new AddonOverlay(s, phases, billed);
    }

    /** Phase {@code i}'s effective versions by key, each key's in time order: what entitlements read. */
    public Map<String, List<ItemVersion>> timelines(int i) {
        return phases.get(i);
    }

    /**
     * Phase {@code i}'s items as invoicing sees them (ADR 0035). An item keeps its versions and labels exactly as if
     * nothing was bought, its own price untouched, cut only where a usage discount bought changes what its usage bills; an
     * allowance bought cuts nothing (a graduated price would start its tiers again). Each add-on's flat price is an item
     * of its own per layer of its instances ({@link #layers}), {@code amount x instances}, labelled
     * {@code v[<n>]/addon[<add-on key>]/since[<instant>]} (or {@code addon[<add-on key>]/since[<instant>]} where no
     * version of the key runs): a fee paid in advance is invoiced at the period's start, so summing an add-on bought later
     * into it would bill the item's own fee for the rest of the period twice. The totals are the digest's summed price.
     */
    public Map<String, List<ItemVersion>> billedTimelines(int i) {
        return billed.get(i);
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

    private static Map<String, List<ItemVersion>> phase(Subscription s, int i, List<SubscriptionAddon> addons, boolean billing) {
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
        for (String key : keys) { // lists are mutable: invoicing adds the add-on fees
            List<SubscriptionItem> versions = timelines.getOrDefault(key, List.of());
            List<Applying> cards = cardsByKey.getOrDefault(key, List.of());
            List<ItemVersion> effective = cards.isEmpty() ? asPlanned(versions) : overlaid(s, i, key, versions, cards, billing);
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

    private static List<ItemVersion> overlaid(Subscription s, int i, String key, List<SubscriptionItem> versions, List<Applying> cards,
                                              boolean billing) {
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
            Map<String, Object> card = applied.isEmpty() ? base : AddonRateCards.overlay(base, applied, billing);
            if (v < 0 && billing && card.get("price") == null) {
                continue; // an add-on's own item bills only through its fees (see fees)
            }
            Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
            if (last != null && last.version() == v && from.equals(last.to()) && last.card().equals(card)) {
                pieces.set(pieces.size() - 1, new Piece(v, last.from(), to, card)); // nothing changed at this cut
            } else {
                pieces.add(new Piece(v, from, to, card));
            }
        }
        return new ArrayList<>(pieces.stream()
                .map(p -> p.version() < 0 ? ownItem(s, i, key, p) : pieceOf(versions.get(p.version()), p, phaseFrom, phaseTo)).toList());
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
        return item(s, i, key, "addon/since[" + p.from() + "]", p.card(), p.from(), p.to());
    }

    private static ItemVersion item(Subscription s, int i, String key, String label, Map<String, Object> card, Instant from, Instant to) {
        UUID id = UUID.nameUUIDFromBytes((s.id() + "/" + s.phases().get(i).key() + "/" + key + "/" + label).getBytes(StandardCharsets.UTF_8));
        return new ItemVersion(new SubscriptionItem(id, key, card, from, to, s.createdAt(), s.updatedAt()), label);
    }

    /**
     * Phase {@code i}'s add-on fees: for every flat-priced add-on rate card, an item per layer of the add-on's instances
     * ({@link #layers}) and version of the key (or none), priced {@code amount x instances}; none where the price cannot add
     * to the version's (refused when bought, left out if a later edit makes it so). A one-time fee is billed once per layer,
     * for the instances it adds.
     */
    private static Map<String, List<ItemVersion>> fees(Subscription s, int i, List<SubscriptionAddon> addons) {
        Instant phaseFrom = s.phases().get(i).activeFrom();
        Instant phaseTo = s.phaseEnd(i);
        Map<String, List<SubscriptionItem>> timelines = s.phases().get(i).timelines();
        Map<String, List<ItemVersion>> out = new LinkedHashMap<>();
        for (SubscriptionAddon addon : addons) {
            for (Map<String, Object> card : addon.rateCards()) {
                Map<String, Object> price = AddonRateCards.price(card);
                if (price == null || !AddonRateCards.isFlat(price)) {
                    continue;
                }
                String key = String.valueOf(card.get("key"));
                List<SubscriptionItem> versions = timelines.getOrDefault(key, List.of());
                boolean oneTime = card.get("billingCadence") == null;
                for (Layer layer : layers(s, addon.timeline(), card, price)) {
                    int billedQuantity = oneTime ? layer.added() : layer.instances();
                    Instant from = layer.from().isAfter(phaseFrom) ? layer.from() : phaseFrom;
                    Instant to = earliest(layer.to(), phaseTo);
                    if (billedQuantity <= 0 || (to != null && !from.isBefore(to)) || (oneTime && layer.from().isBefore(phaseFrom) && i > 0)) {
                        continue;
                    }
                    TreeSet<Instant> cuts = new TreeSet<>(List.of(from));
                    for (SubscriptionItem v : versions) {
                        cutWithin(cuts, v.activeFrom(), from, to);
                        cutWithin(cuts, v.activeTo(), from, to);
                    }
                    List<Instant> starts = new ArrayList<>(cuts);
                    for (int k = 0; k < starts.size(); k++) {
                        Instant pieceFrom = starts.get(k);
                        Instant pieceTo = k + 1 < starts.size() ? starts.get(k + 1) : to;
                        if (oneTime && k > 0) {
                            break; // billed once, with its first piece
                        }
                        int v = versionAt(versions, pieceFrom, phaseTo);
                        if (v >= 0 && AddonRateCards.priceConflict(versions.get(v).rateCard(), card).isPresent()) {
                            continue;
                        }
                        Map<String, Object> fee = new LinkedHashMap<>(card);
                        fee.remove("entitlementTemplate");
                        Map<String, Object> amount = new LinkedHashMap<>(price);
                        amount.put("amount", AddonRateCards.times(price.get("amount"), billedQuantity).toPlainString());
                        fee.put("price", amount);
                        String label = (v >= 0 ? "v[" + v + "]/" : "") + "addon[" + addon.addonKey() + "]/since[" + layer.from() + "]"; // unique per layer, phase and version
                        out.computeIfAbsent(key, x -> new ArrayList<>()).add(item(s, i, key, label, fee, pieceFrom, pieceTo));
                    }
                }
            }
        }
        return out;
    }

    /** Instances of an add-on bought together and billed together, {@code [from, to)} ({@code to} null: open). */
    private record Layer(Instant from, Instant to, int instances, int added) {
    }

    /**
     * An add-on's instances as layers (ADR 0035), in the order they start. A rise by d at t starts a layer of d instances
     * at t. A fall by d at t ends the newest layers first, whole, at t. Where the fall ends only part of a layer, that layer
     * keeps billing all its instances until it ends and the instances that stay continue as a new layer from then on
     * (nothing added, so a one-time fee bills nothing for it): for a fee paid in advance the layer ends at the end of the
     * billing period containing t (at t where t starts a period), so the period already paid is billed once and never again
     * for the instances that stay; for a fee paid in arrears, or a one-time fee, it ends at t.
     */
    private static List<Layer> layers(Subscription s, List<QuantitySegment> timeline, Map<String, Object> card, Map<String, Object> price) {
        List<Layer> done = new ArrayList<>();
        List<Layer> open = new ArrayList<>(); // oldest first
        Object cadence = card.get("billingCadence");
        boolean deferred = cadence != null && !"in_arrears".equals(price.get("paymentTerm"));
        Recurrence recurrence = deferred ? new Recurrence(dev.tollgate.platform.domain.IsoDuration.parse(cadence.toString()).orElseThrow(),
                s.anchorOrigin()) : null;
        Instant previousTo = null;
        for (QuantitySegment q : timeline) {
            if (previousTo != null && !previousTo.equals(q.activeFrom())) {
                lower(open, done, open.stream().mapToInt(Layer::instances).sum(), previousTo, recurrence); // a gap holds none
            }
            int held = open.stream().mapToInt(Layer::instances).sum();
            Layer newest = open.isEmpty() ? null : open.get(open.size() - 1);
            if (q.quantity() > held && newest != null && newest.from().equals(q.activeFrom())) { // one layer per start instant
                open.set(open.size() - 1, new Layer(newest.from(), null, newest.instances() + q.quantity() - held,
                        newest.added() + q.quantity() - held));
            } else if (q.quantity() > held) {
                open.add(new Layer(q.activeFrom(), null, q.quantity() - held, q.quantity() - held));
            } else if (q.quantity() < held) {
                lower(open, done, held - q.quantity(), q.activeFrom(), recurrence);
            }
            previousTo = q.activeTo();
            if (previousTo == null) {
                break;
            }
        }
        if (previousTo != null) {
            lower(open, done, open.stream().mapToInt(Layer::instances).sum(), previousTo, recurrence);
        }
        done.addAll(open);
        done.sort(java.util.Comparator.comparing(Layer::from));
        return done;
    }

    private static void lower(List<Layer> open, List<Layer> done, int by, Instant at, Recurrence recurrence) {
        int left = by;
        while (left > 0 && !open.isEmpty()) {
            Layer newest = open.remove(open.size() - 1);
            if (newest.instances() <= left) {
                left -= newest.instances();
                done.add(new Layer(newest.from(), later(newest.from(), at), newest.instances(), newest.added()));
            } else {
                Instant end = at;
                if (recurrence != null && newest.from().isBefore(at)) {
                    end = recurrence.periodAt(at).from().equals(at) ? at : recurrence.periodAt(at).to();
                }
                done.add(new Layer(newest.from(), end, newest.instances(), newest.added()));
                open.add(new Layer(end, null, newest.instances() - left, 0));
                left = 0;
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void cutWithin(TreeSet<Instant> cuts, Instant at, Instant from, Instant to) {
        if (at != null && at.isAfter(from) && (to == null || at.isBefore(to))) {
            cuts.add(at);
        }
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
