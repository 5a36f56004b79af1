package dev.tollgate.webhooks.adapters.out.http;

import dev.tollgate.platform.net.OutboundAddressPolicy;
import dev.tollgate.webhooks.application.port.out.DestinationGuard;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The SSRF policy ({@code tollgate.webhooks.allowed-targets}, env {@code TOLLGATE_WEBHOOKS_ALLOWED_TARGETS}: CIDRs
 * whose non-public addresses tenants may aim webhooks at) and the client that enforces it.
 */
@Factory
final class WebhookHttpFactory {
    private final OutboundAddressPolicy policy;

    WebhookHttpFactory(@Nullable @Value("${tollgate.webhooks.allowed-targets:}") String allowed) {
        this.policy = OutboundAddressPolicy.allowing(allowed);
    }

    @Singleton
    DestinationGuard destinationGuard() {
        return new ResolvingDestinationGuard(policy);
    }

    @Singleton
    @Bean(preDestroy = "close")
    ApacheWebhookTransport webhookTransport(@Value("${tollgate.webhooks.connect-timeout:5s}") Duration connectTimeout,
                                      @Value("${tollgate.webhooks.request-timeout:15s}") Duration requestTimeout,
                                      @Value("${tollgate.webhooks.max-connections:512}") int maxConnections) {
        return new ApacheWebhookTransport(new GuardedDnsResolver(policy), connectTimeout, requestTimeout, maxConnections);
    }
}
