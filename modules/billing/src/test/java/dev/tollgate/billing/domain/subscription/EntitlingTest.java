package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a subscription entitles its customer to at an instant, and when that next changes (ADR 0034). */
class EntitlingTest {
    private static final Instant START = Instant.parse("2025-01-10T00:00:00Z");

    private static Subscription pro() {
        return Subscription.start(UUID.randomUUID(), "cus", SubscriptionTest.pro(), null, START, null, null, null, null, START);
    }

    private static List<String> keys(Entitling e) {
        return e.items().stream().map(SubscriptionItem::key).toList();
    }

    @Test
    void eachPhaseEntitlesItsItemsUntilTheNextPhaseStarts() {
        Subscription s = pro();
        Entitling trial = Entitling.at(s, START);
        assertEquals("trial", trial.phaseKey());
        assertEquals(List.of("platform"), keys(trial));
        assertEquals(Instant.parse("2025-01-24T00:00:00Z"), trial.nextChange(), "the trial's end");
        Entitling intro = Entitling.at(s, trial.nextChange());
        assertEquals("intro", intro.phaseKey());
        assertEquals(List.of("platform", "api_calls"), keys(intro));
        Entitling main = Entitling.at(s, intro.nextChange());
        assertEquals("main", main.phaseKey());
        assertNull(main.nextChange(), "the open-ended phase never changes by itself");
    }

    @Test
    void nothingBeforeTheStartAfterTheEndOrOnceDeleted() {
        Subscription s = pro();
        Entitling before = Entitling.at(s, START.minusSeconds(60));
        assertEquals(List.of(), before.items());
        assertEquals(START, before.nextChange(), "a scheduled subscription is due at its start");

        Instant end = Instant.parse("2025-02-01T00:00:00Z");
        Subscription canceled = s.canceledAt(end, START);
        assertEquals(end, Entitling.at(canceled, Instant.parse("2025-01-30T00:00:00Z")).nextChange(),
                "its end comes before the next phase");
        Entitling after = Entitling.at(canceled, end);
        assertEquals(List.of(), after.items());
        assertNull(after.nextChange());

        Subscription scheduled = Subscription.start(UUID.randomUUID(), "cus", SubscriptionTest.pro(), null, START.plusSeconds(3600), null,
                null, null, null, START);
        Entitling deleted = Entitling.at(scheduled.deleted(START), START);
        assertEquals(List.of(), deleted.items());
        assertNull(deleted.nextChange());
    }
}
