package dev.tollgate.billing.domain.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A phase of a subscription materialised from its plan: it starts at {@code activeFrom} and ends where the next phase
 * starts (or with the subscription); the subscription knows that end, so it is not stored twice.
 */
public record SubscriptionPhase(UUID id, String key, String name, String description, Map<String, String> metadata, Instant activeFrom,
                                List<SubscriptionItem> items, Instant createdAt, Instant updatedAt) {

    public SubscriptionPhase {
        items = List.copyOf(items);
    }

    /** Every version of every item, by key in first-seen order, each key's versions by start. */
    public Map<String, List<SubscriptionItem>> timelines() {
        Map<String, List<SubscriptionItem>> out = new LinkedHashMap<>();
        for (SubscriptionItem item : items) {
            out.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(item);
        }
        out.values().forEach(list -> list.sort(java.util.Comparator.comparing(SubscriptionItem::activeFrom)));
        return out;
    }

    /**
     * OpenMeter's {@code items} of a phase seen at {@code t}: in the current phase the version of each key active at
     * {@code t}; in a past phase each key's last version; in a future phase its first.
     */
    public List<SubscriptionItem> itemsAt(Instant t, Instant phaseEnd) {
        boolean future = t.isBefore(activeFrom);
        boolean past = phaseEnd != null && !t.isBefore(phaseEnd);
        List<SubscriptionItem> out = new ArrayList<>();
        for (List<SubscriptionItem> versions : timelines().values()) {
            if (future) {
                out.add(versions.get(0));
            } else if (past) {
                out.add(versions.get(versions.size() - 1));
            } else {
                versions.stream().filter(v -> v.activeAt(t, phaseEnd)).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    public SubscriptionPhase withItems(List<SubscriptionItem> newItems, Instant now) {
        return new SubscriptionPhase(id, key, name, description, metadata, activeFrom, newItems, createdAt, now);
    }

    public SubscriptionPhase startingAt(Instant start, Instant now) {
        List<SubscriptionItem> moved = items.stream().map(i -> i.activeFrom().equals(activeFrom)
                ? new SubscriptionItem(i.id(), i.key(), i.rateCard(), start, i.activeTo(), i.createdAt(), now) : i).toList();
        return new SubscriptionPhase(id, key, name, description, metadata, start, moved, createdAt, now);
    }
}
