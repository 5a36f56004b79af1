package dev.tollgate.billing.domain.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subscription entitles its customer to at an instant (ADR 0034): the phase running then and the item versions
 * running in it, whose rate cards carry the entitlement templates; nothing before the start, after the end or once
 * deleted. {@code nextChange} is the first later instant at which that answer can differ (a phase or item version
 * starting or ending, the subscription starting or ending), null when it never will.
 */
public record Entitling(String phaseKey, List<SubscriptionItem> items, Instant nextChange) {
    public Entitling {
        items = List.copyOf(items);
    }

    public static Entitling at(Subscription s, Instant t) {
        if (s.deletedAt() != null) {
            return new Entitling(null, List.of(), null);
        }
        int i = s.phaseIndexAt(t);
        List<SubscriptionItem> running = List.of();
        String phaseKey = null;
        if (i >= 0 && s.status(t) != SubscriptionStatus.INACTIVE) {
            SubscriptionPhase phase = s.phases().get(i);
            phaseKey = phase.key();
            running = phase.itemsAt(t, s.phaseEnd(i));
        }
        return new Entitling(phaseKey, running, nextChange(s, t));
    }

    private static Instant nextChange(Subscription s, Instant t) {
        List<Instant> candidates = new ArrayList<>();
        candidates.add(s.activeFrom());
        candidates.add(s.activeTo());
        for (SubscriptionPhase phase : s.phases()) {
            candidates.add(phase.activeFrom());
            for (SubscriptionItem item : phase.items()) {
                candidates.add(item.activeFrom());
                candidates.add(item.activeTo());
            }
        }
        return candidates.stream().filter(c -> c != null && c.isAfter(t) && (s.activeTo() == null || !c.isAfter(s.activeTo())))
                .min(Instant::compareTo).orElse(null);
    }
}
