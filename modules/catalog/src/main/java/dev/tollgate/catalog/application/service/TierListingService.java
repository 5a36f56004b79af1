package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.application.port.in.ListTiersUseCase;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.catalog.application.port.out.PlanStore;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.Tier;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Singleton
class TierListingService implements ListTiersUseCase {
    private static final CatalogFilter ACTIVE = new CatalogFilter(false, List.of(), List.of(), Map.of(), List.of(CatalogStatus.ACTIVE),
            List.of(), "key", false);
    private final PlanStore plans;
    private final JsonSyntax json;
    private final Clock clock;

    TierListingService(PlanStore plans, JsonSyntax json, Clock clock) {
        this.plans = plans;
        this.json = json;
        this.clock = clock;
    }

    /** Any signed-in caller may see the price list; it is the same for everyone. */
    @Override
    @Transactional(readOnly = true)
    public List<Tier> selfServe(Caller caller) {
        return plans.list(TenancyApi.SYSTEM_NAMESPACE, ACTIVE, new PageRequest(0, PageRequest.MAX_LIMIT), clock.instant()).items().stream()
                .map(plan -> Tier.of(plan, config -> json.parseObject(config).orElse(Map.of())))
                .filter(Tier::selfServe)
                .sorted(Comparator.comparingInt(Tier::monthlyPrice))
                .toList();
    }
}
