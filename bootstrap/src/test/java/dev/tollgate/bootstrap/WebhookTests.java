package dev.tollgate.bootstrap;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a test needs when FakeStripe sends real webhooks to Tollgate: waiting for what the webhook worker does (the port
 * known before the server starts, which the endpoint registered on Stripe names, is test-support's {@code FreePorts}).
 */
final class WebhookTests {
    private WebhookTests() {
    }

    /** Polls every 50 ms for at most 15 s. */
    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
