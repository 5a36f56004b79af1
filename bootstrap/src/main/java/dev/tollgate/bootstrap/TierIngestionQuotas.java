package dev.tollgate.bootstrap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.metering.application.port.out.IngestionQuotas;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/**
 * Metering's ingestion quota from the organization's tier ({@code events_per_second}, an entitlement of its system
 * customer), else the node's default (metering's own bean, named {@link IngestionQuotas#NODE_DEFAULT}). Read at most
 * every 10 s per namespace: ingestion is hot, and a tier change takes effect within that time.
 */
@Singleton
final class TierIngestionQuotas implements IngestionQuotas {
    private final TenancyApi tenancy;
    /** Lazily: entitlements reads usage through metering, whose ingestion asks this bean. */
    private final Provider<EntitlementsApi> entitlements;
    private final IngestionQuotas nodeDefault;
    private final LoadingCache<UUID, Quota> quotas = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build(this::load);

    TierIngestionQuotas(TenancyApi tenancy, Provider<EntitlementsApi> entitlements,
                        @Named(IngestionQuotas.NODE_DEFAULT) IngestionQuotas nodeDefault) {
        this.tenancy = tenancy;
        this.entitlements = entitlements;
        this.nodeDefault = nodeDefault;
    }

    @Override
    public Quota of(UUID namespace) {
        return quotas.get(namespace);
    }

    private Quota load(UUID namespace) {
        return tenancy.findOrganization(namespace)
                .map(organization -> entitlements.get().limitsOf(organization.publicId()).ingestRate())
                .map(rate -> new Quota(rate.perSecond(), rate.burst()))
                .orElseGet(() -> nodeDefault.of(namespace));
    }
}
