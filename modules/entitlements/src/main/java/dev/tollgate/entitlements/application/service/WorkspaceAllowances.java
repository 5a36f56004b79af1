package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementType;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;

/** A workspace's features as php-tenant states them, from its entitlements in the system namespace. */
@Singleton
class WorkspaceAllowances {
    private final CustomerResolver customers;
    private final EntitlementStore entitlements;
    private final EntitlementEvaluator evaluator;
    private final JsonSyntax json;
    private final OrganizationUsage usage;

    WorkspaceAllowances(CustomerResolver customers, EntitlementStore entitlements, EntitlementEvaluator evaluator, JsonSyntax json, OrganizationUsage usage) {
        this.usage = usage;
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

    /** The allowance; a static limit Tollgate counts (projects, seats) states how much of it is used. */
    FeatureAllowance of(Workspace workspace, CustomerResolver.Customer customer, Entitlement e, Instant now) {
        return evaluate(workspace, customer, e, now).allowance();
    }

    private record Evaluated(FeatureAllowance allowance, boolean counted) {
    }

    private Evaluated evaluate(Workspace workspace, CustomerResolver.Customer customer, Entitlement e, Instant now) {
        FeatureAllowance allowance = FeatureAllowance.of(e, evaluator.value(e, customer.subjects(), now),
                config -> json.parseObject(config).orElse(Map.of()));
        if (e.type() != EntitlementType.STATIC || !allowance.inForce()) {
            return new Evaluated(allowance, false);
        }
        OptionalLong used = usage.used(workspace.id(), e.featureKey());
        return used.isPresent() ? new Evaluated(allowance.withUsed(used.getAsLong()), true) : new Evaluated(allowance, false);
    }

    /**
     * The feature's live entitlement (null without one), its allowance (NONE without one), its period's end (null
     * without), and whether its use was counted elsewhere (a static limit such as max_projects).
     */
    record Loaded(Entitlement entitlement, FeatureAllowance allowance, Instant periodEnd, boolean counted) {
    }

    @Transactional(readOnly = true)
    Loaded load(Workspace workspace, String featureKey, Instant now) {
        CustomerResolver.Customer customer = customerOf(workspace);
        Entitlement e = live(customer, featureKey).orElse(null);
        if (e == null) {
            return new Loaded(null, FeatureAllowance.NONE, null, false);
        }
        Evaluated evaluated = evaluate(workspace, customer, e, now);
        return new Loaded(e, evaluated.allowance(), e.usagePeriod() == null ? null : evaluator.state(e, now).periodTo(), evaluated.counted());
    }
}
