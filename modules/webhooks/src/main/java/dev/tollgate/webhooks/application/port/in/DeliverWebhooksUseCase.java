package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.webhooks.domain.Backlog;
import dev.tollgate.webhooks.domain.Delivery;

/**
 * The delivery worker, as its scheduler drives it (ADR 0048, ADR 0050): sending and recording are separate steps, so a
 * scheduler can send fresh deliveries without waiting for the answers before them to be written.
 */
public interface DeliverWebhooksUseCase {
    /**
     * What one dispatch did: attempts sent; {@code full} when it claimed as many as there was room for (more is probably
     * due); {@code starved} when the attempts in flight left less room than a claim batch.
     */
    record Dispatch(int sent, boolean full, boolean starved) {
    }

    /** What one recording did: attempts recorded, of which delivered and failed. */
    record Recorded(int recorded, int delivered, int failedAttempts) {
    }

    /**
     * Claims as many due deliveries as there is room for in flight and sends them, without waiting for the answers.
     * {@code whenAnswered} runs (on the HTTP client's thread) as each answer arrives.
     */
    Dispatch dispatch(Runnable whenAnswered);

    /** Records, in one transaction, the attempts answered since the last recording; frees their room in flight. */
    Recorded recordAnswered();

    /** Sends one delivery at once and waits for the answer (a test send); returns it as recorded. */
    Delivery deliverNow(Delivery delivery);

    Backlog backlog();

    /** Attempts sent but not yet recorded. */
    int inFlight();
}
