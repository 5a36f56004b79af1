package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.in.ReadBillingHealthUseCase;
import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.entitlements.domain.BillingHealth;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The billing health from what each module knows: tenancy the live organizations and their recorded tier, entitlements
 * the billing state the operator reported (organizations never reported count as {@code none}).
 */
@Singleton
class BillingHealthService implements ReadBillingHealthUseCase {
    private final TenancyApi tenancy;
    private final BillingStateStore billing;

    BillingHealthService(TenancyApi tenancy, BillingStateStore billing) {
        this.tenancy = tenancy;
        this.billing = billing;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BillingHealth.Segment> billingHealth(Caller caller) {
        TierAdministration.requireOperator(caller);
        Map<UUID, BillingHealth.Reported> reported = new HashMap<>();
        billing.all().forEach((organization, state) -> reported.put(organization,
                new BillingHealth.Reported(state.billingProvider(), state.subscriptionStatus())));
        return BillingHealth.segments(tenancy.organizationsPerPlan(), tenancy.plansOf(reported.keySet()), reported);
    }
}
