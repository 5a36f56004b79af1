package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.webhooks.domain.Backlog;
import dev.tollgate.webhooks.domain.Delivery;

/** The delivery worker, as its scheduler drives it (ADR 0048). */
public interface DeliverWebhooksUseCase {
    /**
     * What one turn of the worker did: attempts sent, and attempts recorded (of which delivered and failed); {@code full}
     * when it claimed a whole batch (more is probably due).
     */
    record Turn(int sent, int recorded, int delivered, int failedAttempts, boolean full) {
        public boolean idle() {
            return sent == 0 && recorded == 0;
        }
    }

    /**
     * Records the attempts that finished since the last turn, then claims as many due deliveries as there is room for
     * in flight and sends them (without waiting for the answers). {@code whenFinished} runs as each answer arrives,
     * so the scheduler can take the next turn at once.
     */
    Turn turn(Runnable whenFinished);

    /** Sends one delivery at once and waits for the answer (a test send); returns it as recorded. */
    Delivery deliverNow(Delivery delivery);

    Backlog backlog();

    /** Attempts sent but not yet recorded. */
    int inFlight();
}
