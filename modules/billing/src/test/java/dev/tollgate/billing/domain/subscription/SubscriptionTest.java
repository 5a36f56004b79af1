package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionTest {
    private static final Instant START = Instant.parse("2025-01-10T00:00:00Z");

    static PlanTerms pro() {
        Map<String, Object> platform = Map.of("type", "flat_fee", "key", "platform", "name", "Platform");
        Map<String, Object> calls = Map.of("type", "usage_based", "key", "api_calls", "name", "API calls", "billingCadence", "P1M");
        return new PlanTerms(new PlanReference(UUID.randomUUID(), "pro", 1), "Pro", null, null, "USD", d("P1M"), true, List.of(
                new PlanTerms.Phase("trial", "Trial", null, null, d("P14D"), List.of(platform)),
                new PlanTerms.Phase("intro", "Intro", null, null, d("P1M"), List.of(platform, calls)),
                new PlanTerms.Phase("main", "Main", null, null, null, List.of(platform, calls))));
    }

    private static IsoDuration d(String text) {
        return IsoDuration.parse(text).orElseThrow();
    }

    private static Subscription start(String startingPhase, Instant anchor) {
        return Subscription.start(UUID.randomUUID(), "cus", pro(), startingPhase, START, anchor, null, null, null, START);
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    @Test
    void phasesStartWhereThePreviousDurationsEnd() {
        Subscription s = start(null, null);
        assertEquals(List.of(START, t("2025-01-24T00:00:00Z"), t("2025-02-24T00:00:00Z")),
                s.phases().stream().map(SubscriptionPhase::activeFrom).toList());
        assertEquals(t("2025-01-24T00:00:00Z"), s.phaseEnd(0));
        assertEquals(null, s.phaseEnd(2));
        assertEquals(List.of("platform", "api_calls"), s.phases().get(1).items().stream().map(SubscriptionItem::key).toList());
        assertEquals("Pro", s.name());
        assertEquals(START, s.billingAnchor());
    }

    @Test
    void aStartingPhaseSkipsTheEarlierOnes() {
        Subscription s = start("intro", null);
        assertEquals(List.of("intro", "main"), s.phases().stream().map(SubscriptionPhase::key).toList());
        assertEquals(START, s.phases().get(0).activeFrom());
        assertEquals(t("2025-02-10T00:00:00Z"), s.phases().get(1).activeFrom());
        ValidationException e = assertThrows(ValidationException.class, () -> start("gold", null));
        assertEquals("startingPhase", e.errors().get(0).field());
    }

    @ParameterizedTest(name = "active {0} - {1} at {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "2025-01-10T00:00:00Z, -, 2025-01-09T23:59:59Z, scheduled",
            "2025-01-10T00:00:00Z, -, 2025-01-10T00:00:00Z, active",
            "2025-01-10T00:00:00Z, 2025-03-01T00:00:00Z, 2025-02-01T00:00:00Z, canceled",
            "2025-01-10T00:00:00Z, 2025-03-01T00:00:00Z, 2025-03-01T00:00:00Z, inactive",
            "2025-01-10T00:00:00Z, 2025-03-01T00:00:00Z, 2025-01-01T00:00:00Z, scheduled",
    })
    void statusAtAnInstant(Instant from, Instant to, Instant at, String status) {
        Subscription s = Subscription.start(UUID.randomUUID(), "cus", pro(), null, from, null, null, null, null, START);
        if (to != null) {
            s = s.canceledAt(to, START);
        }
        assertEquals(status, s.status(at).wire());
    }

    @Test
    void aDeletedSubscriptionIsInactive() {
        Subscription s = Subscription.start(UUID.randomUUID(), "cus", pro(), null, t("2025-06-01T00:00:00Z"), null, null, null, null, START);
        assertEquals("inactive", s.deleted(START).status(t("2025-07-01T00:00:00Z")).wire());
        assertThrows(ConflictException.class, () -> start(null, null).deleted(START), "an active subscription cannot be deleted");
    }

    @ParameterizedTest(name = "anchored {0}, at {1}: [{2}, {3})")
    @CsvSource(nullValues = "-", value = {
            // the trial's end cuts the first month's period
            "-, 2025-01-12T00:00:00Z, 2025-01-10T00:00:00Z, 2025-01-24T00:00:00Z",
            "-, 2025-01-25T00:00:00Z, 2025-01-24T00:00:00Z, 2025-02-10T00:00:00Z",
            "-, 2025-03-01T00:00:00Z, 2025-02-24T00:00:00Z, 2025-03-10T00:00:00Z",
            "2025-01-01T00:00:00Z, 2025-01-12T00:00:00Z, 2025-01-10T00:00:00Z, 2025-01-24T00:00:00Z",
            "2025-01-01T00:00:00Z, 2025-03-05T00:00:00Z, 2025-03-01T00:00:00Z, 2025-04-01T00:00:00Z",
    })
    void theAlignedPeriodIsTheRecurrenceClippedToThePhase(Instant anchor, Instant at, Instant from, Instant to) {
        assertEquals(new Period(from, to), start(null, anchor).alignedPeriodAt(at).orElseThrow());
    }

    @Test
    void theAnchorIsNormalisedButPeriodsKeepItsMonthEnds() {
        Subscription s = Subscription.start(UUID.randomUUID(), "cus", pro(), "main", t("2025-03-05T00:00:00Z"), t("2025-01-31T00:00:00Z"),
                null, null, null, START);
        assertEquals(t("2025-02-28T00:00:00Z"), s.billingAnchor());
        assertEquals(new Period(t("2025-04-30T00:00:00Z"), t("2025-05-31T00:00:00Z")), s.alignedPeriodAt(t("2025-05-01T00:00:00Z")).orElseThrow());
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
            "immediate, 2025-03-05T10:00:00Z, 2025-03-05T10:00:00Z",
            "next_billing_cycle, 2025-03-05T10:00:00Z, 2025-03-10T00:00:00Z",
            "next_billing_cycle, 2025-01-12T00:00:00Z, 2025-01-24T00:00:00Z",
            "2025-04-10T00:00:00Z, 2025-03-05T10:00:00Z, 2025-04-10T00:00:00Z",
            "2025-02-24T00:00:00Z, 2025-01-30T00:00:00Z, 2025-02-24T00:00:00Z",
    })
    void cancelTiming(String timing, Instant now, Instant end) {
        assertEquals(end, start(null, null).endOf(Timing.parse(timing, "timing", null), now, "cancel"));
    }

    @ParameterizedTest(name = "{0} at {1} is refused: {2}")
    @CsvSource({
            "2025-04-11T00:00:00Z, 2025-03-05T10:00:00Z, misaligned",
            "2025-03-10T00:00:00Z, 2025-03-11T00:00:00Z, in the past",
            "tomorrow, 2025-03-05T10:00:00Z, must be immediate",
    })
    void cancelTimingRefusals(String timing, Instant now, String message) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> start(null, null).endOf(Timing.parse(timing, "timing", null), now, "cancel"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals("timing", e.errors().get(0).field());
    }

    @Test
    void createTiming() {
        Instant now = t("2025-03-05T10:00:00Z");
        assertEquals(now, Subscription.startOf(Timing.IMMEDIATE, now));
        assertEquals(t("2025-03-05T09:58:30Z"), Subscription.startOf(new Timing.At(t("2025-03-05T09:58:30Z")), now));
        assertThrows(ValidationException.class, () -> Subscription.startOf(new Timing.At(t("2025-03-05T09:57:59Z")), now));
        assertThrows(ValidationException.class, () -> Subscription.startOf(Timing.NEXT_BILLING_CYCLE, now));
    }

    @Test
    void transitionsFollowTheStateMachine() {
        Instant now = t("2025-03-05T10:00:00Z");
        Subscription canceled = start(null, null).canceledAt(t("2025-04-10T00:00:00Z"), now);
        ConflictException again = assertThrows(ConflictException.class, () -> canceled.endOf(Timing.IMMEDIATE, now, "cancel"));
        assertTrue(again.getMessage().contains("cannot cancel a subscription that is canceled"), again.getMessage());
        assertEquals(null, canceled.continued(now, "unschedule the cancelation of").activeTo());
        assertThrows(ConflictException.class, () -> start(null, null).continued(now, "unschedule the cancelation of"));
    }

    @Test
    void overlapsIgnoreEmptyWindows() {
        Subscription s = start(null, null).canceledAt(t("2025-04-10T00:00:00Z"), START);
        assertTrue(s.overlaps(t("2025-04-09T00:00:00Z"), null));
        assertTrue(!s.overlaps(t("2025-04-10T00:00:00Z"), null), "a successor may start where this one ends");
        assertTrue(!start(null, null).canceledAt(START, START).overlaps(START, null), "a subscription ended at its start holds no time");
    }

    @Test
    void itemsOfAPhaseAtAnInstant() {
        Subscription s = start(null, null);
        SubscriptionPhase intro = s.phases().get(1);
        SubscriptionItem platform = intro.items().get(0);
        SubscriptionItem removed = platform.endedAt(t("2025-02-01T00:00:00Z"));
        SubscriptionPhase edited = intro.withItems(List.of(removed, intro.items().get(1)), START);
        assertEquals(List.of("api_calls"), edited.itemsAt(t("2025-02-05T00:00:00Z"), s.phaseEnd(1)).stream().map(SubscriptionItem::key).toList());
        assertEquals(2, edited.itemsAt(t("2025-01-01T00:00:00Z"), s.phaseEnd(1)).size(), "a future phase shows each key's first version");
        assertEquals(2, edited.itemsAt(t("2025-06-01T00:00:00Z"), s.phaseEnd(1)).size(), "a past phase shows each key's last version");
    }
}
