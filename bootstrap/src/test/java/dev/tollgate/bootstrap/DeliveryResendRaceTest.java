package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.Outcome;
import dev.tollgate.webhooks.domain.AttemptResult;
import dev.tollgate.webhooks.domain.AttemptVerdict;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.DeliveryStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The race ADR 0048's queue guards against, played step by step instead of hoped for: an attempt is on the wire when
 * its delivery is resent by hand; the attempt's answer, arriving after, must not overwrite the resend. The delivery is
 * due in a year, so the running worker never takes it; the test claims it itself with that future "now".
 */
@MicronautTest(transactional = false)
class DeliveryResendRaceTest extends HttpTest {
    @Inject
    DeliveryStore deliveries;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        return properties;
    }

    private Delivery claimedInAYear(Account owner) {
        long endpoint = http.post("/api/entitlement-webhooks", """
                {"name":"Race","url":"http://127.0.0.1:9/hook","events":["limit_warning"]}""", owner.cookie()).expect(201).json()
                .get("webhook").get("id").asLong();
        Instant due = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        transactions.executeWrite(status -> {
            deliveries.enqueue(List.of(new NewDelivery(endpoint, UUID.randomUUID().toString(), "race:" + UUID.randomUUID(), "limit_warning",
                    Map.of("event", "limit_warning"), due)));
            return null;
        });
        List<Delivery> claimed = transactions.executeWrite(status -> deliveries.claimDue(due.plusSeconds(1), 1000, Duration.ofSeconds(60)))
                .stream().filter(d -> d.endpointId() == endpoint).toList();
        assertEquals(1, claimed.size());
        return claimed.get(0);
    }

    private void answer(Delivery claimed, int status) {
        AttemptResult result = new AttemptResult(status, "ok", 3, null, null);
        Outcome outcome = new Outcome(claimed, claimed.attempts() + 1, "http://127.0.0.1:9/hook", claimed.nextAttemptAt(), result,
                new AttemptVerdict(DeliveryStatus.SUCCESS, null, false));
        transactions.executeWrite(s -> {
            deliveries.record(List.of(outcome));
            return null;
        });
    }

    @Test
    void anAnswerThatArrivesAfterAResendLeavesTheResendStanding() {
        Delivery claimed = claimedInAYear(Accounts.signUp(http, "Race"));
        Instant resendDue = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        transactions.executeWrite(s -> deliveries.resendAt(claimed.id(), resendDue));

        answer(claimed, 200);

        Delivery after = deliveries.find(claimed.id()).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, after.status(), "the resend stands");
        assertEquals(resendDue, after.nextAttemptAt());
        assertTrue(after.resentManually());
    }

    @Test
    void withoutAResendTheAnswerIsRecorded() {
        Delivery claimed = claimedInAYear(Accounts.signUp(http, "NoRace"));
        answer(claimed, 200);
        Delivery after = deliveries.find(claimed.id()).orElseThrow();
        assertEquals(DeliveryStatus.SUCCESS, after.status());
        assertEquals(200, after.httpStatus());
    }
}
