package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.PlanTerms;
import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organizations' tiers as entitlements of their system-namespace customers. A tier's metered limits count in
 * UTC-aligned periods (days from midnight, months from the 1st), so "queries per day" means the UTC day.
 */
@Singleton
class TierService implements EntitlementsApi {
    static final String STARTER = "starter";
    static final String TIER_ANNOTATION = "tollgate.tier";
    /** Usage periods of tier entitlements count from here: midnight UTC, the 1st of a month. */
    static final Instant USAGE_ANCHOR = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID SYSTEM = TenancyApi.SYSTEM_NAMESPACE;
    private final EntitlementStore entitlements;
    private final TemplateEntitlements fromTemplates;
    private final CustomerResolver customers;
    private final CatalogApi catalog;
    private final JsonSyntax json;
    private final Outbox outbox;
    private final EntitlementEvaluator evaluator;
    private final TenancyApi tenancy;
    private final Clock clock;

    TierService(EntitlementStore entitlements, TemplateEntitlements fromTemplates, CustomerResolver customers, CatalogApi catalog, JsonSyntax json,
                Outbox outbox, EntitlementEvaluator evaluator, TenancyApi tenancy, Clock clock) {
        this.tenancy = tenancy;
        this.evaluator = evaluator;
        this.entitlements = entitlements;
        this.fromTemplates = fromTemplates;
        this.customers = customers;
        this.catalog = catalog;
        this.json = json;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void assignTier(String organizationPublicId, String tierKey) {
        provision(organizationPublicId, tierKey, Map.of(), Map.of(), null);
    }

    @Override
    @Transactional
    public void assignCustomLimits(String organizationPublicId, CustomLimits limits) {
        provision(organizationPublicId, "enterprise", customOverrides(limits), Map.of(), null);
    }

    /** Enterprise limits as changes to the tier templates: a static figure replaced, a metered allowance re-issued (0: unlimited). */
    static Map<String, java.util.function.UnaryOperator<TemplateTerms>> customOverrides(CustomLimits limits) {
        Map<String, String> statics = new LinkedHashMap<>();
        putValue(statics, "max_projects", limits.maxProjects());
        putValue(statics, "max_databases", limits.maxDatabases());
        putValue(statics, "max_connections", limits.maxConnections());
        putValue(statics, "max_query_shapes", limits.maxQueryShapes());
        putValue(statics, "included_seats", limits.includedSeats());
        if (limits.queriesPerSecond() != null) {
            // PgBeam's enterprise request has no burst: twice the sustained rate, as the standard tiers have.
            statics.put("queries_per_second", "{\"value\":" + limits.queriesPerSecond() + ",\"burst\":" + 2L * limits.queriesPerSecond() + "}");
        }
        Map<String, Long> allowances = new LinkedHashMap<>();
        if (limits.queriesPerDay() != null) {
            allowances.put("queries_per_day", limits.queriesPerDay());
        }
        if (limits.bytesPerMonth() != null) {
            allowances.put("bytes_per_month", limits.bytesPerMonth());
        }
        Map<String, java.util.function.UnaryOperator<TemplateTerms>> overrides = new LinkedHashMap<>();
        statics.forEach((feature, config) -> overrides.put(feature, t -> new TemplateTerms(t.featureKey(), t.type(), config, null, 1, false,
                false, t.usagePeriod())));
        allowances.forEach((feature, amount) -> overrides.put(feature, t -> new TemplateTerms(t.featureKey(), t.type(), t.config(),
                amount > 0 ? java.math.BigDecimal.valueOf(amount) : null, 1, amount == 0 || t.isSoftLimit(), t.preserveOverageAtReset(),
                t.usagePeriod())));
        return overrides;
    }

    private static void putValue(Map<String, String> statics, String feature, Integer value) {
        if (value != null) {
            statics.put(feature, "{\"value\":" + value + "}");
        }
    }

    /**
     * Replaces the organization's tier entitlements with the plan's templates, some of them changed by {@code overrides},
     * annotated also with {@code extraAnnotations} and in force until {@code activeTo} (null: open-ended).
     */
    void provision(String organizationPublicId, String tierKey, Map<String, java.util.function.UnaryOperator<TemplateTerms>> overrides,
                   Map<String, Object> extraAnnotations, Instant activeTo) {
        PlanTerms plan = catalog.activePlan(SYSTEM, tierKey)
                .orElseThrow(() -> new ValidationException("plan", "there is no active tier '" + tierKey + "'"));
        provisionTemplates(organizationPublicId, tierKey, plan.id(), plan.version(), plan.templates(), overrides, extraAnnotations, activeTo);
    }

    /**
     * Replaces the organization's tier entitlements with {@code templates} (a plan version's, or a subscription phase's
     * items), some of them changed by {@code overrides}, annotated with the tier and plan and {@code extraAnnotations}.
     */
    void provisionTemplates(String organizationPublicId, String tierKey, UUID planId, Integer planVersion, List<TemplateTerms> templates,
                            Map<String, java.util.function.UnaryOperator<TemplateTerms>> overrides, Map<String, Object> extraAnnotations,
                            Instant activeTo) {
        CustomerResolver.Customer customer = customers.resolve(SYSTEM, CustomerRef.customer(organizationPublicId));
        Instant now = clock.instant();
        for (Entitlement live : liveOf(customer.id())) {
            entitlements.save(live.deleted(now));
        }
        Map<String, Object> annotations = new HashMap<>(Map.of(TIER_ANNOTATION, tierKey, "tollgate.custom", !overrides.isEmpty()));
        if (planId != null) {
            annotations.put("plan.id", Ulid.of(planId));
            annotations.put("plan.version", planVersion);
        }
        annotations.putAll(extraAnnotations);
        for (TemplateTerms planned : templates) {
            fromTemplates.create(SYSTEM, customer, overrides.getOrDefault(planned.featureKey(), t -> t).apply(planned), annotations, activeTo,
                    USAGE_ANCHOR, now);
        }
        tenancy.recordPlan(organizationPublicId, tierKey);
        outbox.publish(organizationPublicId, new LimitsChanged(organizationPublicId));
    }

    /** One entitlement of the organization from a template (an add-on's), annotated and in force until {@code activeTo}. */
    void createFromTemplate(String organizationPublicId, TemplateTerms template, Map<String, Object> annotations, Instant activeTo, Instant now) {
        fromTemplates.create(SYSTEM, customers.resolve(SYSTEM, CustomerRef.customer(organizationPublicId)), template, annotations, activeTo,
                USAGE_ANCHOR, now);
    }

    @Override
    @Transactional(readOnly = true)
    public OrganizationLimits limitsOf(String organizationPublicId) {
        CustomerResolver.Customer customer = customers.resolve(SYSTEM, CustomerRef.customer(organizationPublicId));
        Map<String, Limit> byFeature = new HashMap<>();
        String tier = null;
        boolean custom = false;
        Instant now = clock.instant();
        for (Entitlement e : liveOf(customer.id())) {
            if (!e.activeAt(now)) {
                continue; // a suspended or expired package's limits are not in force
            }
            byFeature.put(e.featureKey(), new Limit(e.config(), e.issueAmount()));
            if (e.annotations() != null && e.annotations().get(TIER_ANNOTATION) instanceof String t) {
                tier = t;
                custom |= Boolean.TRUE.equals(e.annotations().get("tollgate.custom"));
            }
        }
        if (byFeature.isEmpty()) {
            // Not provisioned yet: the limits the starter plan's templates would grant.
            return catalog.activePlan(SYSTEM, STARTER).map(plan -> {
                Map<String, Limit> planned = new HashMap<>();
                plan.templates().forEach(t -> planned.put(t.featureKey(), new Limit(t.config(), t.issueAfterReset())));
                return limits(plan.key(), planned, false);
            }).orElse(OrganizationLimits.UNLIMITED);
        }
        return limits(tier == null ? "custom" : tier, byFeature, custom);
    }

    @Override
    @Transactional(readOnly = true)
    public long usageInPeriod(String organizationPublicId, String featureKey) {
        CustomerResolver.Customer customer = customers.resolve(SYSTEM, CustomerRef.customer(organizationPublicId));
        return entitlements.findLive(SYSTEM, customer.id(), featureKey).filter(Entitlement::metered)
                .map(e -> evaluator.value(e, customer.subjects(), clock.instant()).usage())
                .map(java.math.BigDecimal::longValue).orElse(0L);
    }

    /** The organization's live (undeleted) entitlements in the system namespace, in force or not. */
    List<Entitlement> liveEntitlementsOf(String organizationPublicId) {
        return liveOf(customers.resolve(SYSTEM, CustomerRef.customer(organizationPublicId)).id());
    }

    private List<Entitlement> liveOf(UUID customerId) {
        return entitlements.liveOf(SYSTEM, customerId);
    }

    /** What a limit feature grants, from an entitlement or a plan's template: a static config or a metered allowance. */
    private record Limit(String config, java.math.BigDecimal allowance) {
    }

    private OrganizationLimits limits(String tier, Map<String, Limit> byFeature, boolean custom) {
        return new OrganizationLimits(tier, allowance(byFeature.get("queries_per_day")), (int) value(byFeature.get("max_projects"), "value"),
                (int) value(byFeature.get("max_databases"), "value"), (int) value(byFeature.get("max_connections"), "value"),
                (int) value(byFeature.get("queries_per_second"), "value"), (int) value(byFeature.get("queries_per_second"), "burst"),
                allowance(byFeature.get("bytes_per_month")), (int) value(byFeature.get("max_query_shapes"), "value"),
                (int) value(byFeature.get("included_seats"), "value"), byFeature.containsKey("custom_domains"), custom,
                byFeature.containsKey("events_per_second") ? new EntitlementsApi.IngestRate(value(byFeature.get("events_per_second"), "value"),
                        value(byFeature.get("events_per_second"), "burst")) : null);
    }

    private long value(Limit limit, String field) {
        if (limit == null || limit.config() == null) {
            return 0;
        }
        Object v = json.parseObject(limit.config()).orElse(Map.of()).get(field);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static long allowance(Limit limit) {
        return limit == null || limit.allowance() == null ? 0 : limit.allowance().longValue();
    }
}
