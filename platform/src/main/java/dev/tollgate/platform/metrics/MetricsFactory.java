package dev.tollgate.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * One Micrometer registry for the whole application, in Prometheus format: modules record through
 * {@link MeterRegistry}; the scrape endpoint renders {@link PrometheusMeterRegistry#scrape()}.
 */
@Factory
final class MetricsFactory {
    @Singleton
    @Bean(typed = {PrometheusMeterRegistry.class, MeterRegistry.class})
    PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
