package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.testing.HttpTest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay's guarantees on one node: order per aggregate, an aggregate held back by a refused event while the
 * others go on, the refused event retried until it goes through, nothing published outside a transaction, and the
 * backlog on /metrics.
 */
@MicronautTest(transactional = false)
class OutboxOrderTest extends HttpTest {
    @Serdeable
    record Step(String aggregate, int n) {
    }

    /** Refuses the first delivery of ("a", 1), as a consumer whose downstream is briefly down would. */
    @Singleton
    static final class FlakyConsumer implements OutboxConsumer<Step> {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile boolean refusedOnce;

        @Override
        public String name() {
            return "test-steps";
        }

        @Override
        public Class<Step> eventType() {
            return Step.class;
        }

        @Override
        public Scope scope() {
            return Scope.CLUSTER;
        }

        @Override
        public void deliver(UUID eventId, Step step) {
            if (step.aggregate().equals("a") && step.n() == 1 && !refusedOnce) {
                refusedOnce = true;
                throw new IllegalStateException("downstream unavailable");
            }
            received.add(step.aggregate() + step.n());
        }
    }

    @Inject
    Outbox outbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    FlakyConsumer consumer;

    @Test
    void eachAggregateKeepsItsOrderAndARefusedEventHoldsBackOnlyItsOwn() throws Exception {
        transactions.executeWrite(status -> {
            outbox.publish("a", new Step("a", 1));
            outbox.publish("a", new Step("a", 2));
            outbox.publish("b", new Step("b", 1));
            return null;
        });
        transactions.executeWrite(status -> {
            outbox.publish("a", new Step("a", 3));
            outbox.publish("b", new Step("b", 2));
            return null;
        });
        await(() -> consumer.received.size() == 5);
        assertTrue(consumer.refusedOnce);
        List<String> received = List.copyOf(consumer.received);
        assertEquals(List.of("a1", "a2", "a3"), received.stream().filter(s -> s.startsWith("a")).toList());
        assertEquals(List.of("b1", "b2"), received.stream().filter(s -> s.startsWith("b")).toList());
        assertTrue(received.indexOf("b1") < received.indexOf("a1"), "b went on while a waited: " + received);

        String metrics = http.get("/metrics", "X-Internal-Secret", "outbox-operator").expect(200).body();
        assertTrue(metrics.contains("tollgate_outbox_backlog_events{consumer=\"test-steps\"}"), metrics);
        assertTrue(metrics.contains("tollgate_outbox_lag_seconds{consumer=\"proxy-limits\"}"), metrics);
    }

    @Test
    void anEventIsPublishedOnlyInsideTheTransactionOfItsChange() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> outbox.publish("c", new Step("c", 1)));
        assertTrue(refused.getMessage().contains("inside the transaction"), refused.getMessage());
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", "outbox-operator");
        return properties;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
