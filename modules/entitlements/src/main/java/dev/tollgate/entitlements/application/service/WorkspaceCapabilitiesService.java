package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.application.port.in.WorkspaceCapabilitiesUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Singleton
class WorkspaceCapabilitiesService implements WorkspaceCapabilitiesUseCase {
    private final TenancyApi tenancy;
    private final EntitlementsApi tiers;
    private final CustomerResolver customers;
    private final EntitlementStore entitlements;
    private final EntitlementEvaluator evaluator;
    private final Clock clock;

    WorkspaceCapabilitiesService(TenancyApi tenancy, EntitlementsApi tiers, CustomerResolver customers, EntitlementStore entitlements,
                                 EntitlementEvaluator evaluator, Clock clock) {
        this.tenancy = tenancy;
        this.tiers = tiers;
        this.customers = customers;
        this.entitlements = entitlements;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Capabilities capabilitiesOf(Caller caller, String workspaceSlug) {
        var organization = tenancy.requireWorkspace(caller, workspaceSlug, Capability.READ_ORGANIZATION); // strangers: 403
        CustomerResolver.Customer customer = customers.resolve(TenancyApi.SYSTEM_NAMESPACE, CustomerRef.customer(organization.publicId()));
        Instant now = clock.instant();
        EntitlementFilter active = new EntitlementFilter(List.of(customer.id()), List.of(), List.of(), false, now, "createdAt", false);
        Map<String, Access> features = new LinkedHashMap<>();
        for (Entitlement e : entitlements.list(TenancyApi.SYSTEM_NAMESPACE, active, new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
            EntitlementValue value = evaluator.value(e, customer.subjects(), now);
            features.put(e.featureKey(), new Access(value.hasAccess(), e.config()));
        }
        return new Capabilities(tiers.limitsOf(organization.publicId()).tier(), features);
    }
}
