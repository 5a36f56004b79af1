package dev.tollgate.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AttemptVerdictTest {
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final RetryPolicy RETRIES = new RetryPolicy(RetryPolicy.SVIX_SCHEDULE, 0.2);
    static final RandomGenerator RANDOM = new java.util.Random(7);

    static AttemptResult status(int code) {
        return new AttemptResult(code, "", 5, null, null);
    }

    @Test
    void a2xxDeliversAndA410DisablesTheEndpoint() {
        assertEquals(DeliveryStatus.SUCCESS, AttemptVerdict.of(status(204), 1, 3, RETRIES, NOW, RANDOM).status());
        AttemptVerdict gone = AttemptVerdict.of(status(410), 1, 3, RETRIES, NOW, RANDOM);
        assertEquals(DeliveryStatus.FAILED, gone.status());
        assertTrue(gone.endpointGone());
        assertNull(gone.nextAttemptAt());
    }

    @Test
    void failuresRetryUntilTheAttemptsRunOut() {
        AttemptVerdict first = AttemptVerdict.of(status(500), 1, 3, RETRIES, NOW, RANDOM);
        assertEquals(DeliveryStatus.PENDING, first.status());
        Duration wait = Duration.between(NOW, first.nextAttemptAt());
        assertTrue(wait.toMillis() >= 4000 && wait.toMillis() <= 6000, "5 s ± 20%: " + wait);
        AttemptVerdict second = AttemptVerdict.of(AttemptResult.noAnswer("timeout", 15000), 2, 3, RETRIES, NOW, RANDOM);
        Duration longer = Duration.between(NOW, second.nextAttemptAt());
        assertTrue(longer.toSeconds() >= 240 && longer.toSeconds() <= 360, "then 5 min ± 20%: " + longer);
        AttemptVerdict last = AttemptVerdict.of(status(502), 3, 3, RETRIES, NOW, RANDOM);
        assertEquals(DeliveryStatus.FAILED, last.status());
        assertNull(last.nextAttemptAt());
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        AttemptResult slowDown = new AttemptResult(429, "", 3, null, Duration.ofMinutes(10));
        assertEquals(NOW.plus(Duration.ofMinutes(10)), AttemptVerdict.of(slowDown, 1, 5, RETRIES, NOW, RANDOM).nextAttemptAt());
        AttemptResult forever = new AttemptResult(503, "", 3, null, Duration.ofDays(30));
        assertEquals(NOW.plus(RetryPolicy.MAX_RETRY_AFTER), AttemptVerdict.of(forever, 1, 5, RETRIES, NOW, RANDOM).nextAttemptAt());
        AttemptResult soon = new AttemptResult(503, "", 3, null, Duration.ofSeconds(1));
        assertTrue(Duration.between(NOW, AttemptVerdict.of(soon, 1, 5, RETRIES, NOW, RANDOM).nextAttemptAt()).toMillis() >= 4000,
                "a shorter Retry-After does not hurry the schedule");
    }

    @Test
    void theLastDelayRepeatsAndBodiesAreCut() {
        RetryPolicy two = new RetryPolicy(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 0);
        assertEquals(Duration.ofSeconds(2), two.delayAfter(9, null, RANDOM));
        assertEquals(AttemptResult.BODY_LIMIT, new AttemptResult(200, "x".repeat(10_000), 1, null, null).body().length());
    }
}
