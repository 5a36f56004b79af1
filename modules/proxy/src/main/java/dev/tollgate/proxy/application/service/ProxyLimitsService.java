package dev.tollgate.proxy.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.entitlements.api.SpendCapsApi;
import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import dev.tollgate.proxy.domain.OrganizationQuota;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not transactional itself: a connection that finds its organization's quota held costs a map lookup, and the
 * loads go through the tenancy and entitlements APIs, each in its own read transaction.
 */
@Singleton
class ProxyLimitsService implements ProxyLimitsUseCase {
    private final Map<UUID, OrganizationQuota> quotas = new ConcurrentHashMap<>();
    private final Map<String, UUID> byPublicId = new ConcurrentHashMap<>();
    private final EntitlementsApi entitlements;
    private final SpendCapsApi spendCaps;
    private final TenancyApi tenancy;
    private final Clock clock;

    ProxyLimitsService(EntitlementsApi entitlements, SpendCapsApi spendCaps, TenancyApi tenancy, Clock clock) {
        this.entitlements = entitlements;
        this.spendCaps = spendCaps;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    public OrganizationQuota quotaOf(UUID organizationId) {
        OrganizationQuota known = quotas.get(organizationId);
        if (known != null) {
            return known;
        }
        String publicId = tenancy.findOrganization(organizationId).orElseThrow().publicId();
        OrganizationQuota loaded = new OrganizationQuota(limits(publicId), entitlements.usageInPeriod(publicId, "queries_per_day"),
                clock.instant());
        byPublicId.put(publicId, organizationId);
        OrganizationQuota raced = quotas.putIfAbsent(organizationId, loaded);
        return raced != null ? raced : loaded;
    }

    @Override
    public void refresh(String organizationPublicId) {
        UUID organizationId = byPublicId.get(organizationPublicId);
        OrganizationQuota quota = organizationId == null ? null : quotas.get(organizationId);
        if (quota != null) {
            quota.update(limits(organizationPublicId));
        }
    }

    @Override
    public void refreshAll() {
        byPublicId.forEach((publicId, organizationId) -> {
            OrganizationQuota quota = quotas.get(organizationId);
            if (quota != null) {
                quota.update(limits(publicId));
                quota.observeMetered(entitlements.usageInPeriod(publicId, "queries_per_day"), clock.instant());
            }
        });
    }

    private OrganizationQuota.Limits limits(String publicId) {
        OrganizationLimits l = entitlements.limitsOf(publicId);
        return new OrganizationQuota.Limits(l.tier(), l.queriesPerDay(), l.queriesPerSecond(), l.burst(), l.maxConnections(),
                spendCaps.spendRefusal(publicId), l.maxQueryShapes());
    }
}
