package dev.tollgate.webhooks.adapters.out.config;

import dev.tollgate.webhooks.application.port.out.WebhookSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** {@code tollgate.webhooks.*}, with Svix's retry schedule by default (ADR 0048). */
@Singleton
final class ConfiguredWebhookSettings implements WebhookSettings {
    private final List<Duration> retryDelays;
    private final int maxInFlight;
    private final int claimBatch;
    private final Duration lease;

    ConfiguredWebhookSettings(@Value("${tollgate.webhooks.retry-delays:5s,5m,30m,2h,5h,10h}") List<Duration> retryDelays,
                              @Value("${tollgate.webhooks.max-in-flight:512}") int maxInFlight,
                              @Value("${tollgate.webhooks.claim-batch:200}") int claimBatch,
                              @Value("${tollgate.webhooks.lease:60s}") Duration lease) {
        this.retryDelays = List.copyOf(retryDelays);
        this.maxInFlight = maxInFlight;
        this.claimBatch = claimBatch;
        this.lease = lease;
    }

    @Override
    public List<Duration> retryDelays() {
        return retryDelays;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public int claimBatch() {
        return claimBatch;
    }

    @Override
    public Duration lease() {
        return lease;
    }
}
