package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;

/**
 * Centrali's {@code POST /webhooks/stripe}: the platform's Stripe webhook (ADR 0042). Public — Stripe calls it, and
 * the document's bearer requirement cannot apply — so its only proof is the {@code Stripe-Signature} over the raw
 * body, checked with the platform app's signing secret; the event is stored before the 200 and processed by the worker.
 */
@Controller("/workspace/api/v1/webhooks/stripe")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: billing")
final class CentraliStripeWebhookController {
    private final ReceiveStripeEventsUseCase webhooks;

    CentraliStripeWebhookController(ReceiveStripeEventsUseCase webhooks) {
        this.webhooks = webhooks;
    }

    @Serdeable
    record Received(boolean received, String message) {
    }

    /** Read as bytes: the signature covers the exact body, which must not be parsed and written again first. */
    @Post(consumes = MediaType.ALL)
    @Operation(summary = "Stripe webhook")
    Received receive(@Nullable @Header("Stripe-Signature") String signature, @Body byte[] body) {
        return new Received(true, webhooks.receivePlatform(new String(body, StandardCharsets.UTF_8), signature).message());
    }
}
