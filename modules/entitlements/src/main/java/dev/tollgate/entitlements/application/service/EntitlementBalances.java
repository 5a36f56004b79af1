package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.EntitlementBalancesApi;
import dev.tollgate.entitlements.application.port.in.ObserveEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementType;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Balances of metered entitlements for their watchers (OpenMeter's notification rules), computed as the value routes
 * compute them: the customer's subjects, the entitlement's timeline, its grants and its meter's usage.
 */
@Singleton
class EntitlementBalances implements EntitlementBalancesApi, ObserveEntitlementsUseCase {
    private final EntitlementStore entitlements;
    private final CustomerResolver customers;
    private final EntitlementEvaluator evaluator;

    EntitlementBalances(EntitlementStore entitlements, CustomerResolver customers, EntitlementEvaluator evaluator) {
        this.entitlements = entitlements;
        this.customers = customers;
        this.evaluator = evaluator;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Balance> balances(UUID namespace, Collection<UUID> featureIds, Instant now) {
        Set<UUID> features = Set.copyOf(featureIds);
        EntitlementFilter metered = new EntitlementFilter(List.of(), List.of(), List.of(EntitlementType.METERED.wire()), false, now,
                "createdAt", false);
        Map<UUID, Optional<CustomerResolver.Customer>> holders = new HashMap<>();
        List<Balance> balances = new ArrayList<>();
        Page<Entitlement> page = entitlements.list(namespace, metered, new PageRequest(0, PageRequest.MAX_LIMIT));
        while (true) {
            for (Entitlement e : page.items()) {
                if (!features.isEmpty() && !features.contains(e.featureId())) {
                    continue;
                }
                Optional<CustomerResolver.Customer> holder = holders.computeIfAbsent(e.customerId(), id -> customer(namespace, id));
                holder.ifPresent(c -> balances.add(balance(e, c, now)));
            }
            if (!page.hasNext()) {
                return balances;
            }
            PageRequest next = new PageRequest(page.request().offset() + page.request().limit(), PageRequest.MAX_LIMIT);
            page = entitlements.list(namespace, metered, next);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Observed> observe(UUID namespace, UUID entitlementId, Instant at) {
        return entitlements.find(namespace, entitlementId).flatMap(e -> customer(namespace, e.customerId()).map(c -> {
            EntitlementState state = evaluator.state(e, at);
            return new Observed(state, evaluator.value(e, c.subjects(), at), subjectOf(e, c));
        }));
    }

    private Balance balance(Entitlement e, CustomerResolver.Customer customer, Instant now) {
        EntitlementState state = evaluator.state(e, now);
        EntitlementValue value = evaluator.value(e, customer.subjects(), now);
        boolean firstPeriod = !state.periodFrom().isAfter(e.measureUsageFrom());
        return new Balance(e.id(), e.featureId(), e.featureKey(), subjectOf(e, customer), state.periodFrom(), state.periodTo(), firstPeriod,
                e.measureUsageFrom(), value.balance(), value.usage(), value.overage());
    }

    /** v1 entitlements name their subject; a customer's entitlement is metered for the customer's own subject key. */
    private static String subjectOf(Entitlement e, CustomerResolver.Customer customer) {
        return e.subjectKey() != null ? e.subjectKey() : customer.subjectKey();
    }

    /** Empty for a customer deleted since: its entitlements have no one to notify about. */
    private Optional<CustomerResolver.Customer> customer(UUID namespace, UUID customerId) {
        try {
            return Optional.of(customers.resolve(namespace, CustomerRef.customer(Ulid.of(customerId))));
        } catch (NotFoundException deleted) {
            return Optional.empty();
        }
    }
}
