package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.BoostChanged;
import dev.tollgate.entitlements.application.port.in.AnnounceBoostExpiriesUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A boost (a grant by hand on an organization's tier entitlement, ADR 0048) that reaches its expiry is announced as
 * php-tenant's {@code boost_expired}, at the instant it expired. Grants are claimed in batches under {@code SKIP LOCKED}
 * and marked in the same transaction as the outbox event, so each expiry is announced once whatever the nodes.
 */
@Singleton
class BoostExpiries implements AnnounceBoostExpiriesUseCase {
    static final int BATCH = 500;
    private final GrantStore grants;
    private final EntitlementStore entitlements;
    private final Outbox outbox;
    private final Clock clock;

    BoostExpiries(GrantStore grants, EntitlementStore entitlements, Outbox outbox, Clock clock) {
        this.grants = grants;
        this.entitlements = entitlements;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    @Transactional
    public int announceDue() {
        List<Grant> expired = grants.claimExpired(TenancyApi.SYSTEM_NAMESPACE, clock.instant(), BATCH);
        for (Grant g : expired) {
            if (!PackageEntitlements.isBoost(g)) {
                continue; // a package's or a tier's own grant: its package announces its changes
            }
            Optional<Entitlement> e = entitlements.find(TenancyApi.SYSTEM_NAMESPACE, g.entitlementId());
            if (e.isPresent() && e.get().customerKey() != null) {
                String organization = e.get().customerKey();
                outbox.publish(organization, new BoostChanged(organization, e.get().featureKey(), g.amount().longValue(), "grant",
                        g.expiresAt(), false, g.expiresAt()));
            }
        }
        return expired.size();
    }
}
