package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A workspace's features as php-tenant states them, from its entitlements in the system namespace. */
@Singleton
class WorkspaceAllowances {
    private final CustomerResolver customers;
    private final EntitlementStore entitlements;
    private final EntitlementEvaluator evaluator;
    private final JsonSyntax json;

    WorkspaceAllowances(CustomerResolver customers, EntitlementStore entitlements, EntitlementEvaluator evaluator, JsonSyntax json) {
        this.customers = customers;
        this.entitlements = entitlements;
        this.evaluator = evaluator;
        this.json = json;
    }

    CustomerResolver.Customer customerOf(Workspace workspace) {
        return customers.resolve(TenancyApi.SYSTEM_NAMESPACE, CustomerRef.customer(workspace.publicId()));
    }

    Optional<Entitlement> live(CustomerResolver.Customer customer, String featureKey) {
        return entitlements.findLive(TenancyApi.SYSTEM_NAMESPACE, customer.id(), featureKey);
    }

    FeatureAllowance of(CustomerResolver.Customer customer, Entitlement e, Instant now) {
        return FeatureAllowance.of(e, evaluator.value(e, customer.subjects(), now), config -> json.parseObject(config).orElse(Map.of()));
    }

    /** The feature's live entitlement (null without one), its allowance (NONE without one) and its period's end (null without). */
    record Loaded(Entitlement entitlement, FeatureAllowance allowance, Instant periodEnd) {
    }

    @Transactional(readOnly = true)
    Loaded load(Workspace workspace, String featureKey, Instant now) {
        CustomerResolver.Customer customer = customerOf(workspace);
        Entitlement e = live(customer, featureKey).orElse(null);
        if (e == null) {
            return new Loaded(null, FeatureAllowance.NONE, null);
        }
        return new Loaded(e, of(customer, e, now), e.usagePeriod() == null ? null : evaluator.state(e, now).periodTo());
    }
}
