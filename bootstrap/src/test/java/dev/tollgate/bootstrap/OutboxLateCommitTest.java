package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The relay asks only for events created since its consumer last caught up (ADR 0073). An event whose transaction
 * started before later events were delivered, and committed after, is created "in the past": the full sweep still
 * delivers it. (With the sweep off — a full-sweep interval of hours — this test fails: the event is never delivered.)
 */
@MicronautTest(transactional = false)
class OutboxLateCommitTest extends HttpTest {
    @Serdeable
    record Mark(String name) {
    }

    @Singleton
    static final class Marks implements OutboxConsumer<Mark> {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-marks";
        }

        @Override
        public Class<Mark> eventType() {
            return Mark.class;
        }

        @Override
        public Scope scope() {
            return Scope.CLUSTER;
        }

        @Override
        public void deliver(UUID eventId, Mark mark) {
            received.add(mark.name());
        }
    }

    @Inject
    Outbox outbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    Marks marks;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.outbox.poll-interval", "100ms");
        properties.put("tollgate.outbox.commit-margin", "0s");
        properties.put("tollgate.outbox.full-sweep-interval", "2s");
        return properties;
    }

    @Test
    void anEventCommittedAfterLaterOnesWereDeliveredIsStillDelivered() throws Exception {
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWrite(status -> {
            outbox.publish("late", new Mark("late"));
            published.countDown();
            try {
                assertTrue(commit.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(published.await(20, TimeUnit.SECONDS));
        Thread.sleep(50); // the next transaction starts later on the database's clock
        transactions.executeWrite(status -> {
            outbox.publish("early", new Mark("after"));
            return null;
        });
        await(() -> marks.received.contains("after"));
        Thread.sleep(300); // a few polls: the relay has caught up past the open transaction's start
        commit.countDown();
        slow.get(20, TimeUnit.SECONDS);
        assertFalse(marks.received.contains("late") && marks.received.indexOf("late") < marks.received.indexOf("after"));
        await(() -> marks.received.contains("late"));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
