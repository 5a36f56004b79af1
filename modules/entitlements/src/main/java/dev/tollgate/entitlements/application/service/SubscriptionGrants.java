package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import dev.tollgate.entitlements.api.SubscriptionEntitlementsApi;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A subscription's entitlements kept equal to what its running items grant (ADR 0034). Each one carries the
 * subscription, phase and item it comes from in its annotations, which is how a later call knows what it made.
 * <ul>
 *   <li>In a customer's namespace an entitlement another subscription made for the same feature is replaced (a
 *       change's next subscription takes over); one made by hand is left alone and wins, so a subscription never
 *       deletes what an operator granted.</li>
 *   <li>In the system namespace the subscription is the organization's tier: its items replace every tier entitlement
 *       (as assigning a tier does), the tier and plan are annotated so {@code limitsOf} reads them, enterprise limits
 *       override the templates' figures, and the paid add-ons are laid on again.</li>
 * </ul>
 */
@Singleton
class SubscriptionGrants implements SubscriptionEntitlementsApi {
    static final String SUBSCRIPTION = "subscription.id";
    static final String PHASE = "subscription.phase.key";
    static final String ITEM = "subscription.item.key";
    private final EntitlementStore entitlements;
    private final TemplateEntitlements fromTemplates;
    private final CustomerResolver customers;
    private final TierService tiers;
    private final PackageEntitlements packages;
    private final TenancyApi tenancy;
    private final Outbox outbox;
    private final Clock clock;

    SubscriptionGrants(EntitlementStore entitlements, TemplateEntitlements fromTemplates, CustomerResolver customers, TierService tiers,
                       PackageEntitlements packages, TenancyApi tenancy, Outbox outbox, Clock clock) {
        this.entitlements = entitlements;
        this.fromTemplates = fromTemplates;
        this.customers = customers;
        this.tiers = tiers;
        this.packages = packages;
        this.tenancy = tenancy;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void materialise(SubscriptionGrant grant) {
        CustomerResolver.Customer customer = customers.resolve(grant.namespace(), CustomerRef.customer(grant.customerId()));
        List<Entitlement> live = entitlements.liveOf(grant.namespace(), customer.id());
        if (TenancyApi.SYSTEM_NAMESPACE.equals(grant.namespace())) {
            materialiseTier(grant, customer, live);
        } else {
            materialiseItems(grant, customer, live);
        }
    }

    private void materialiseItems(SubscriptionGrant grant, CustomerResolver.Customer customer, List<Entitlement> live) {
        Instant now = clock.instant();
        Map<String, Entitlement> kept = new HashMap<>();
        for (Entitlement e : live) {
            if (!grant.subscriptionId().equals(annotation(e, SUBSCRIPTION))) {
                continue;
            }
            if (grant.items().stream().anyMatch(item -> sameItem(e, grant, item))) {
                kept.put(e.featureKey(), e);
            } else {
                entitlements.save(e.deleted(now)); // an earlier phase's, or an item edited away
            }
        }
        for (GrantedItem item : grant.items()) {
            String feature = item.template().featureKey();
            if (kept.containsKey(feature)) {
                continue;
            }
            Entitlement other = live.stream().filter(e -> e.featureKey().equals(feature) && e.deletedAt() == null
                    && !grant.subscriptionId().equals(annotation(e, SUBSCRIPTION))).findFirst().orElse(null);
            if (other != null && annotation(other, SUBSCRIPTION) == null) {
                continue; // granted by hand: it stays and the subscription's template gives way
            }
            if (other != null) {
                entitlements.save(other.deleted(now)); // another subscription's (the one this one replaced)
            }
            fromTemplates.create(grant.namespace(), customer, item.template(), annotations(grant, item), null, grant.usageAnchor(), now);
        }
    }

    private void materialiseTier(SubscriptionGrant grant, CustomerResolver.Customer customer, List<Entitlement> live) {
        List<Entitlement> own = live.stream().filter(e -> grant.subscriptionId().equals(annotation(e, SUBSCRIPTION))).toList();
        String organization = customer.key();
        if (grant.items().isEmpty()) {
            if (own.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            own.forEach(e -> entitlements.save(e.deleted(now))); // back to the starter figures limitsOf falls back to
            outbox.publish(organization, new LimitsChanged(organization));
            return;
        }
        boolean current = own.size() == grant.items().size() && own.stream().allMatch(e -> Objects.equals(annotation(e, PHASE), grant.phaseKey()));
        if (current) {
            return; // already this phase's: a package's tier laid on since is not undone by a periodic sync
        }
        Map<String, UnaryOperator<TemplateTerms>> overrides = grant.customLimits() == null ? Map.of()
                : TierService.customOverrides(grant.customLimits());
        List<TemplateTerms> templates = grant.items().stream().map(GrantedItem::template).toList();
        tiers.provisionTemplates(organization, grant.tier(), grant.planId(), grant.planVersion(), templates, overrides,
                Map.of(SUBSCRIPTION, grant.subscriptionId(), PHASE, grant.phaseKey()), null);
        tenancy.findOrganization(organization).ifPresent(o -> packages.reapplyAddons(o.id(), organization, clock.instant()));
    }

    private static boolean sameItem(Entitlement e, SubscriptionGrant grant, GrantedItem item) {
        return Objects.equals(annotation(e, PHASE), grant.phaseKey()) && item.itemKey().equals(annotation(e, ITEM))
                && item.template().featureKey().equals(e.featureKey()) && sameAllowance(e, item.template());
    }

    /**
     * Whether a metered entitlement still grants what the template says: an add-on bought or changed sums a different
     * {@code issueAfterReset} into the item (ADR 0035), and the entitlement is then made again (its usage is measured
     * from the current period's start, so nothing used is forgotten).
     */
    private static boolean sameAllowance(Entitlement e, TemplateTerms t) {
        if (!"metered".equals(t.type())) {
            return true;
        }
        BigDecimal granted = e.issueAmount() == null ? BigDecimal.ZERO : e.issueAmount();
        BigDecimal templated = t.issueAfterReset() == null ? BigDecimal.ZERO : t.issueAfterReset();
        return granted.compareTo(templated) == 0 && e.isSoftLimit() == t.isSoftLimit();
    }

    private static Map<String, Object> annotations(SubscriptionGrant grant, GrantedItem item) {
        Map<String, Object> out = new HashMap<>(Map.of(SUBSCRIPTION, grant.subscriptionId(), PHASE, grant.phaseKey(), ITEM, item.itemKey()));
        if (grant.planId() != null) {
            out.put("plan.id", dev.tollgate.platform.domain.Ulid.of(grant.planId()));
            out.put("plan.version", grant.planVersion());
        }
        return out;
    }

    private static Object annotation(Entitlement e, String key) {
        return e.annotations() == null ? null : e.annotations().get(key);
    }

}
