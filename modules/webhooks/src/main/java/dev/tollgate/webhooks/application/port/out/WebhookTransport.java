package dev.tollgate.webhooks.application.port.out;

import dev.tollgate.webhooks.domain.AttemptResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed POST. Connects only to addresses the destination guard allows, judged at connect time on the
 * addresses it really dials (DNS rebinding), follows no redirect, gives up after its timeout. Never completes
 * exceptionally: a failure is an {@link AttemptResult} without a status.
 */
public interface WebhookTransport {
    CompletableFuture<AttemptResult> post(String url, Map<String, String> headers, String body);
}
