package dev.tollgate.bootstrap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/**
 * Metering's ingestion quota from the organization's tier ({@code events_per_second}, an entitlement of its system
 * customer), else the node's default ({@code tollgate.metering.ingest.events-per-second} and {@code …burst}). Read at
 * most every 10 s per namespace: ingestion is hot, and a tier change takes effect within that time.
 */
@Singleton
final class TierIngestionQuotas implements IngestionQuotas {
    private final TenancyApi tenancy;
    /** Lazily: entitlements reads usage through metering, whose ingestion asks this bean. */
    private final Provider<EntitlementsApi> entitlements;
    private final Quota nodeDefault;
    private final LoadingCache<UUID, Quota> quotas = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build(this::load);

    TierIngestionQuotas(TenancyApi tenancy, Provider<EntitlementsApi> entitlements,
                        @Value("${tollgate.metering.ingest.events-per-second:1000}") long defaultPerSecond,
                        @Value("${tollgate.metering.ingest.burst:10000}") long defaultBurst) {
        this.tenancy = tenancy;
        this.entitlements = entitlements;
        this.nodeDefault = new Quota(defaultPerSecond, defaultBurst);
    }

    @Override
    public Quota of(UUID namespace) {
        return quotas.get(namespace);
    }

    private Quota load(UUID namespace) {
        return tenancy.findOrganization(namespace)
                .map(organization -> entitlements.get().limitsOf(organization.publicId()).ingestRate())
                .map(rate -> new Quota(rate.perSecond(), rate.burst()))
                .orElse(nodeDefault);
    }
}
