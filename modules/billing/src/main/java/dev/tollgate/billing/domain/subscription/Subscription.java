package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's subscription: a plan's terms copied when it starts, its phases laid out one after another from
 * {@code activeFrom}, and an active window {@code [activeFrom, activeTo)} whose position against the clock is its
 * status. {@code anchorOrigin} is the billing anchor as given; the anchor shown is its latest recurrence at or before
 * the start, while periods are still counted from the origin so month ends do not drift.
 */
public record Subscription(UUID id, UUID namespace, String customerId, String name, String description, Map<String, String> metadata,
                           PlanReference plan, String currency, IsoDuration billingCadence, boolean proRating, Instant anchorOrigin,
                           Instant activeFrom, Instant activeTo, Map<String, Object> annotations, List<SubscriptionPhase> phases,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {
    /** OpenMeter refuses a start further back than this: a subscription is not back-dated. */
    static final Duration START_TOLERANCE = Duration.ofMinutes(2);
    public static final String PREVIOUS = "subscription.previous.id";
    public static final String SUPERSEDING = "subscription.superseding.id";

    public Subscription {
        phases = List.copyOf(phases);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /**
     * A new subscription to {@code terms} from {@code activeFrom}, skipping the phases before {@code startingPhase}
     * (null: the first); phase i starts where the previous ones' durations end.
     */
    public static Subscription start(UUID namespace, String customerId, PlanTerms terms, String startingPhase, Instant activeFrom,
                                     Instant anchor, String name, String description, Map<String, String> metadata, Instant now) {
        int first = startingPhase == null ? 0 : terms.phaseIndex(startingPhase);
        if (first < 0) {
            throw new ValidationException(List.of(new FieldError("startingPhase", "the plan has no phase '" + startingPhase + "'",
                    "invalid_value")));
        }
        List<SubscriptionPhase> phases = new ArrayList<>();
        Instant cursor = activeFrom;
        for (int i = first; i < terms.phases().size(); i++) {
            PlanTerms.Phase p = terms.phases().get(i);
            Instant start = cursor;
            List<SubscriptionItem> items = p.rateCards().stream().map(card -> new SubscriptionItem(TypeId.newUuid(),
                    String.valueOf(card.get("key")), card, start, null, now, now)).toList();
            phases.add(new SubscriptionPhase(TypeId.newUuid(), p.key(), p.name(), p.description(), p.metadata(), start, items, now, now));
            if (p.duration() != null) {
                cursor = p.duration().boundary(start.atZone(ZoneOffset.UTC), 1).toInstant();
            }
        }
        return new Subscription(TypeId.newUuid(), namespace, customerId, name == null ? terms.name() : name,
                description == null ? terms.description() : description, metadata, terms.reference(), terms.currency(), terms.billingCadence(),
                terms.proRating(), anchor == null ? activeFrom : anchor, activeFrom, null, Map.of(), phases, now, now, null);
    }

    /** When a new subscription starts: now, or a given instant not more than two minutes back. */
    public static Instant startOf(Timing timing, Instant now) {
        if (timing instanceof Timing.At at) {
            if (at.instant().isBefore(now.minus(START_TOLERANCE))) {
                throw timingError("a subscription cannot start more than 2 minutes in the past (" + at.instant() + ")");
            }
            return at.instant();
        }
        if (timing instanceof Timing.NextBillingCycle) {
            throw timingError("next_billing_cycle needs a running subscription to align to; start a new one immediate or at a date-time");
        }
        return now;
    }

    /** OpenMeter's status at {@code t}. */
    public SubscriptionStatus status(Instant t) {
        if (deletedAt != null) {
            return SubscriptionStatus.INACTIVE;
        }
        if (activeFrom.isAfter(t)) {
            return SubscriptionStatus.SCHEDULED;
        }
        if (activeTo == null) {
            return SubscriptionStatus.ACTIVE;
        }
        return activeTo.isAfter(t) ? SubscriptionStatus.CANCELED : SubscriptionStatus.INACTIVE;
    }

    public Recurrence recurrence() {
        return new Recurrence(billingCadence, anchorOrigin);
    }

    /** The normalised anchor: the latest recurrence of the anchor at or before the start. */
    public Instant billingAnchor() {
        return recurrence().atOrBefore(activeFrom);
    }

    /** Where phase {@code i} ends: the next phase's start or the subscription's end, whichever is first (null: never). */
    public Instant phaseEnd(int i) {
        Instant next = i + 1 < phases.size() ? phases.get(i + 1).activeFrom() : null;
        if (activeTo == null) {
            return next;
        }
        return next == null || activeTo.isBefore(next) ? activeTo : next;
    }

    /** The phases that have time to run before the subscription ends (the first always, even if it ended at once). */
    public List<Integer> visiblePhases() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            if (i == 0 || activeTo == null || phases.get(i).activeFrom().isBefore(activeTo)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The index of the phase running at {@code t}; -1 before the start or after the end. */
    public int phaseIndexAt(Instant t) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            Instant end = phaseEnd(i);
            if (!t.isBefore(phases.get(i).activeFrom()) && (end == null || t.isBefore(end))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The aligned billing period at {@code t}: the cadence's recurrence containing {@code t}, clipped to the phase
     * running then, so a phase switch always starts a period. Empty when nothing runs at {@code t}.
     */
    public Optional<Period> alignedPeriodAt(Instant t) {
        int i = phaseIndexAt(t);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(recurrence().periodAt(t).clippedTo(phases.get(i).activeFrom(), phaseEnd(i)));
    }

    /**
     * When a cancelation (or a change, which cancels first) asked for at {@code now} takes effect: now, the end of the
     * current billing period, or a given instant that is a billing-period boundary and not in the past.
     */
    public Instant endOf(Timing timing, Instant now, String action) {
        requireStatus(now, action, SubscriptionStatus.ACTIVE);
        if (timing instanceof Timing.NextBillingCycle) {
            return alignedPeriodAt(now).map(Period::to).orElseThrow(() -> timingError("the subscription has no billing period running now"));
        }
        if (!(timing instanceof Timing.At at)) {
            return now;
        }
        Instant t = at.instant();
        if (t.isBefore(now)) {
            throw timingError("cannot " + action + " in the past (" + t + ")");
        }
        Optional<Period> period = alignedPeriodAt(t);
        if (period.isEmpty() || !period.get().from().equals(t)) {
            throw timingError("cannot " + action + " aligned subscription with custom misaligned timing: " + t
                    + " is not a billing period boundary" + period.map(p -> " (it falls in " + p.from() + " - " + p.to() + ")").orElse(""));
        }
        return t;
    }

    /** When an add-on purchase or quantity change asked for at {@code now} takes effect: now, the next period, or a later instant. */
    public Instant changeAt(Timing timing, Instant now) {
        if (timing instanceof Timing.NextBillingCycle) {
            return alignedPeriodAt(now).map(Period::to).orElseThrow(() -> timingError("the subscription has no billing period running now"));
        }
        if (timing instanceof Timing.At at) {
            if (at.instant().isBefore(now)) {
                throw timingError("cannot change a subscription in the past (" + at.instant() + ")");
            }
            return at.instant();
        }
        return now;
    }

    public Subscription canceledAt(Instant end, Instant now) {
        return new Subscription(id, namespace, customerId, name, description, metadata, plan, currency, billingCadence, proRating, anchorOrigin,
                activeFrom, end, annotations, phases, createdAt, now, deletedAt);
    }

    /** OpenMeter's continue (unschedule-cancelation, restore): a canceled subscription runs on indefinitely. */
    public Subscription continued(Instant now, String action) {
        requireStatus(now, action, SubscriptionStatus.CANCELED);
        return new Subscription(id, namespace, customerId, name, description, metadata, plan, currency, billingCadence, proRating, anchorOrigin,
                activeFrom, null, annotations, phases, createdAt, now, deletedAt);
    }

    /** Only a subscription that has not started yet can be deleted. */
    public Subscription deleted(Instant now) {
        requireStatus(now, "delete", SubscriptionStatus.SCHEDULED);
        return new Subscription(id, namespace, customerId, name, description, metadata, plan, currency, billingCadence, proRating, anchorOrigin,
                activeFrom, activeTo, annotations, phases, createdAt, now, now);
    }

    public Subscription annotated(String key, Object value, Instant now) {
        Map<String, Object> more = new LinkedHashMap<>(annotations);
        more.put(key, value);
        return new Subscription(id, namespace, customerId, name, description, metadata, plan, currency, billingCadence, proRating, anchorOrigin,
                activeFrom, activeTo, more, phases, createdAt, now, deletedAt);
    }

    public Subscription withPhases(List<SubscriptionPhase> newPhases, Instant now) {
        return new Subscription(id, namespace, customerId, name, description, metadata, plan, currency, billingCadence, proRating, anchorOrigin,
                activeFrom, activeTo, annotations, newPhases, createdAt, now, deletedAt);
    }

    /** Whether this subscription's window shares time with {@code [from, to)} (to null: open-ended); empty windows share none. */
    public boolean overlaps(Instant from, Instant to) {
        if (deletedAt != null || (activeTo != null && !activeTo.isAfter(activeFrom)) || (to != null && !to.isAfter(from))) {
            return false;
        }
        return (to == null || activeFrom.isBefore(to)) && (activeTo == null || from.isBefore(activeTo));
    }

    /** The state machine of §3.12: {@code action} is allowed only in {@code allowed}; anything else names the state it met. */
    public void requireStatus(Instant now, String action, SubscriptionStatus allowed) {
        SubscriptionStatus status = status(now);
        if (status != allowed) {
            throw new ConflictException("invalid_subscription_state", "cannot " + action + " a subscription that is " + status.wire()
                    + "; only " + allowed.wire() + " subscriptions can" + hint(status, action));
        }
    }

    private static String hint(SubscriptionStatus status, String action) {
        if (status == SubscriptionStatus.CANCELED && !action.equals("delete")) {
            return " (unschedule its cancelation first)";
        }
        if (status == SubscriptionStatus.SCHEDULED && action.equals("cancel")) {
            return " (delete it instead: it has not started)";
        }
        return "";
    }

    static ValidationException timingError(String message) {
        return new ValidationException("invalid_timing", List.of(new FieldError("timing", message, "invalid_timing")));
    }
}
