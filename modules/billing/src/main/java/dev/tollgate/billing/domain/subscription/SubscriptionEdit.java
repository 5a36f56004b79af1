package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * OpenMeter's editSubscription: a batch of at most 100 operations on the phases and items, applied in order from one
 * instant and all or nothing. The instant is now or the end of the current billing period, and must fall in the phase
 * running now: an edit changes the current phase from then on, and later phases as a whole; past phases never change.
 */
public final class SubscriptionEdit {
    public static final int MAX_OPERATIONS = 100;
    private final Subscription subscription;
    private final Instant at;
    private final Instant now;
    private final UnaryOperator<Map<String, Object>> checkRateCard;
    private final List<SubscriptionPhase> phases;

    private SubscriptionEdit(Subscription subscription, Instant at, Instant now, UnaryOperator<Map<String, Object>> checkRateCard) {
        this.subscription = subscription;
        this.at = at;
        this.now = now;
        this.checkRateCard = checkRateCard;
        this.phases = new ArrayList<>(subscription.phases());
    }

    /**
     * The subscription with {@code customizations} applied from the instant {@code timing} gives. {@code checkRateCard}
     * checks an added rate card by the catalog's rules, returning it as the catalog writes it, or throwing a validation
     * failure whose fields are relative to the card.
     */
    public static Edited apply(Subscription s, Object customizations, Object timing, Instant now, UnaryOperator<Map<String, Object>> checkRateCard) {
        if (s.status(now) != SubscriptionStatus.ACTIVE && s.status(now) != SubscriptionStatus.CANCELED) {
            s.requireStatus(now, "edit", SubscriptionStatus.ACTIVE);
        }
        Timing t = Timing.parse(timing, "timing", Timing.IMMEDIATE);
        if (t instanceof Timing.At) {
            throw Subscription.timingError("an edit takes immediate or next_billing_cycle, not a date-time");
        }
        Instant at = s.changeAt(t, now);
        int current = s.phaseIndexAt(now);
        if (s.phaseIndexAt(at) != current) {
            throw Subscription.timingError("cannot edit to the next billing cycle as it falls into a different phase (" + at + ")");
        }
        if (!(customizations instanceof List<?> ops)) {
            throw invalid("customizations", customizations == null ? "is required" : "must be an array of operations");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw invalid("customizations", "at most " + MAX_OPERATIONS + " operations per edit, not " + ops.size());
        }
        SubscriptionEdit edit = new SubscriptionEdit(s, at, now, checkRateCard);
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Map<?, ?> op)) {
                throw invalid("customizations/" + i, "must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) op;
            edit.operation(doc, "customizations/" + i);
        }
        return new Edited(s.withPhases(edit.phases, now), at);
    }

    /** The edited subscription and the instant its changes start. */
    public record Edited(Subscription subscription, Instant at) {
    }

    private void operation(Map<String, Object> op, String path) {
        DocumentReader r = new DocumentReader();
        String kind = r.oneOf(op, path, "op", Set.of("add_item", "remove_item", "add_phase", "remove_phase", "stretch_phase",
                "unschedule_edit"), null);
        r.throwIfFailed();
        switch (kind) {
            case "add_item" -> addItem(r, op, path);
            case "remove_item" -> removeItem(r, op, path);
            case "stretch_phase" -> stretchPhase(r, op, path);
            case "remove_phase" -> removePhase(r, op, path);
            case "add_phase" -> addPhase(r, op, path);
            default -> unscheduleEdit();
        }
    }

    private void addItem(DocumentReader r, Map<String, Object> op, String path) {
        String phaseKey = r.text(op, path, "phaseKey", true, 64);
        Map<String, Object> raw = r.object(op, path, "rateCard", true);
        r.throwIfFailed();
        int i = editablePhase(phaseKey, path);
        Map<String, Object> card;
        try {
            card = checkRateCard.apply(raw);
        } catch (ValidationException e) {
            throw new ValidationException(e.code(), e.errors().stream().map(f -> new FieldError(path + "/rateCard"
                    + (f.field() == null || f.field().isEmpty() ? "" : "/" + f.field()), f.message(), f.code())).toList());
        }
        SubscriptionPhase phase = phases.get(i);
        String key = String.valueOf(card.get("key"));
        Instant from = from(phase);
        Instant phaseEnd = end(i);
        if (phase.items().stream().anyMatch(item -> item.key().equals(key) && item.activeAt(from, phaseEnd))) {
            throw new ValidationException(List.of(new FieldError(path + "/rateCard/key", "phase '" + phaseKey + "' already has item '" + key
                    + "' at " + from + "; remove it first", "only_single_subscription_item_allowed_at_a_time")));
        }
        List<SubscriptionItem> items = new ArrayList<>(phase.items());
        items.add(new SubscriptionItem(TypeId.newUuid(), key, card, from, null, now, now));
        phases.set(i, phase.withItems(items, now));
    }

    private void removeItem(DocumentReader r, Map<String, Object> op, String path) {
        String phaseKey = r.text(op, path, "phaseKey", true, 64);
        String itemKey = r.text(op, path, "itemKey", true, 64);
        r.throwIfFailed();
        int i = editablePhase(phaseKey, path);
        SubscriptionPhase phase = phases.get(i);
        Instant from = from(phase);
        boolean found = false;
        List<SubscriptionItem> items = new ArrayList<>();
        for (SubscriptionItem item : phase.items()) {
            boolean target = item.key().equals(itemKey) && (item.activeTo() == null || item.activeTo().isAfter(from));
            if (!target) {
                items.add(item);
            } else {
                found = true;
                if (item.activeFrom().isBefore(from)) {
                    items.add(item.endedAt(from)); // it ran until now: keep that part of its timeline
                }
            }
        }
        if (!found) {
            throw invalid(path + "/itemKey", "phase '" + phaseKey + "' has no item '" + itemKey + "' from " + from);
        }
        phases.set(i, phase.withItems(items, now));
    }

    private void stretchPhase(DocumentReader r, Map<String, Object> op, String path) {
        String phaseKey = r.text(op, path, "phaseKey", true, 64);
        IsoDuration by = r.duration(op, path, "extendBy", true);
        r.throwIfFailed();
        int i = editablePhase(phaseKey, path);
        if (i == phases.size() - 1) {
            throw invalid(path + "/phaseKey", "phase '" + phaseKey + "' is the last one and never ends; there is nothing to stretch");
        }
        for (int j = i + 1; j < phases.size(); j++) {
            SubscriptionPhase later = phases.get(j);
            phases.set(j, later.startingAt(by.boundary(later.activeFrom().atZone(ZoneOffset.UTC), 1).toInstant(), now));
        }
    }

    private void removePhase(DocumentReader r, Map<String, Object> op, String path) {
        String phaseKey = r.text(op, path, "phaseKey", true, 64);
        String shift = r.oneOf(op, path, "shift", Set.of("next", "prev"), null);
        r.throwIfFailed();
        int i = index(phaseKey, path);
        SubscriptionPhase removed = phases.get(i);
        if (!removed.activeFrom().isAfter(at)) {
            throw invalid(path + "/phaseKey", "phase '" + phaseKey + "' has started; only phases that start after " + at + " can be removed");
        }
        phases.remove(i);
        if (shift.equals("next") && i < phases.size()) {
            // the following phases move up by the removed phase's length, so the next one starts where it started
            Duration length = Duration.between(removed.activeFrom(), phases.get(i).activeFrom());
            for (int j = i; j < phases.size(); j++) {
                phases.set(j, phases.get(j).startingAt(phases.get(j).activeFrom().minus(length), now));
            }
        }
    }

    private void addPhase(DocumentReader r, Map<String, Object> op, String path) {
        Map<String, Object> doc = r.object(op, path, "phase", true);
        r.throwIfFailed();
        String at2 = path + "/phase";
        IsoDuration startAfter = r.duration(doc, at2, "startAfter", false);
        IsoDuration duration = r.duration(doc, at2, "duration", false);
        String key = r.key(doc, at2, "key", true);
        String name = r.text(doc, at2, "name", true, 256);
        String description = r.text(doc, at2, "description", false, 1024);
        r.throwIfFailed();
        if (!doc.containsKey("startAfter")) {
            throw invalid(at2 + "/startAfter", "is required (null: from the subscription's start)");
        }
        if (phases.stream().anyMatch(p -> p.key().equals(key))) {
            throw invalid(at2 + "/key", "the subscription already has a phase '" + key + "'");
        }
        Instant start = startAfter == null ? subscription.activeFrom()
                : startAfter.boundary(subscription.activeFrom().atZone(ZoneOffset.UTC), 1).toInstant();
        if (!start.isAfter(at)) {
            throw invalid(at2 + "/startAfter", "the phase would start at " + start + "; phases can only be added after " + at);
        }
        int position = 0;
        while (position < phases.size() && phases.get(position).activeFrom().isBefore(start)) {
            position++;
        }
        if (position < phases.size()) {
            if (duration == null) {
                throw invalid(at2 + "/duration", "is required: phase '" + phases.get(position).key() + "' follows it");
            }
            for (int j = position; j < phases.size(); j++) {
                phases.set(j, phases.get(j).startingAt(duration.boundary(phases.get(j).activeFrom().atZone(ZoneOffset.UTC), 1).toInstant(), now));
            }
        }
        phases.add(position, new SubscriptionPhase(TypeId.newUuid(), key, name, description, null, start, List.of(), now, now));
    }

    /** Takes back what is scheduled in the current phase: item versions that start later, and ends that lie ahead. */
    private void unscheduleEdit() {
        int i = subscription.phaseIndexAt(now);
        SubscriptionPhase phase = phases.get(i);
        List<SubscriptionItem> items = new ArrayList<>();
        for (SubscriptionItem item : phase.items()) {
            if (!item.activeFrom().isAfter(now)) {
                boolean endsLater = item.activeTo() != null && item.activeTo().isAfter(now);
                items.add(endsLater ? new SubscriptionItem(item.id(), item.key(), item.rateCard(), item.activeFrom(), null, item.createdAt(), now)
                        : item);
            }
        }
        phases.set(i, phase.withItems(items, now));
    }

    /** Items of the phase running at the edit's instant change from then; those of a later phase from its start. */
    private Instant from(SubscriptionPhase phase) {
        return phase.activeFrom().isAfter(at) ? phase.activeFrom() : at;
    }

    /** Where phase {@code i} of the phases being edited ends (null: never). */
    private Instant end(int i) {
        Instant next = i + 1 < phases.size() ? phases.get(i + 1).activeFrom() : null;
        Instant to = subscription.activeTo();
        return next == null ? to : to == null || next.isBefore(to) ? next : to;
    }

    /** A phase that is current at the edit's instant or later. */
    private int editablePhase(String key, String path) {
        int i = index(key, path);
        Instant end = end(i);
        if (end != null && !end.isAfter(at)) {
            throw invalid(path + "/phaseKey", "phase '" + key + "' ended at " + end + "; past phases cannot be edited");
        }
        return i;
    }

    private int index(String key, String path) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).key().equals(key)) {
                return i;
            }
        }
        throw invalid(path + "/phaseKey", "the subscription has no phase '" + key + "'");
    }

    private static ValidationException invalid(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message, "invalid_value")));
    }
}
