package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.PageRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The catalog for other modules: trusted callers that name the namespace themselves. */
@Singleton
class CatalogApiService implements CatalogApi {
    private final FeatureStore features;
    private final dev.tollgate.catalog.application.port.out.PlanStore plans;
    private final java.time.Clock clock;
    private final dev.tollgate.catalog.application.port.out.AddonStore addons;
    private final dev.tollgate.catalog.application.port.out.PlanAddonStore offers;
    private final dev.tollgate.platform.domain.JsonSyntax json;
    private final dev.tollgate.catalog.application.port.in.ListTiersUseCase tiers;

    CatalogApiService(FeatureStore features, dev.tollgate.catalog.application.port.out.PlanStore plans, java.time.Clock clock,
                      dev.tollgate.catalog.application.port.out.AddonStore addons,
                      dev.tollgate.catalog.application.port.out.PlanAddonStore offers, dev.tollgate.platform.domain.JsonSyntax json,
                      dev.tollgate.catalog.application.port.in.ListTiersUseCase tiers) {
        this.tiers = tiers;
        this.addons = addons;
        this.offers = offers;
        this.json = json;
        this.features = features;
        this.plans = plans;
        this.clock = clock;
    }

    @Override
    public List<TierOffer> selfServeTiers() {
        // The price list is the same for every caller; the operator asks on behalf of the marketplace.
        return tiers.selfServe(dev.tollgate.tenancy.api.Caller.operator()).stream()
                .map(t -> new TierOffer(t.name(), t.label(), t.description(), t.monthlyPrice())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MeteredFeature> activeFeaturesOfMeter(UUID namespace, String meterSlug) {
        return features.list(namespace, new FeatureFilter(List.of(meterSlug), false, "id", false), new PageRequest(0, PageRequest.MAX_LIMIT))
                .items().stream().map(f -> new MeteredFeature(f.key(), filteredKeys(f))).toList();
    }

    private static Set<String> filteredKeys(Feature f) {
        Set<String> keys = new LinkedHashSet<>();
        if (f.meterGroupByFilters() != null) {
            keys.addAll(f.meterGroupByFilters().keySet());
        }
        if (f.advancedMeterGroupByFilters() != null) {
            keys.addAll(f.advancedMeterGroupByFilters().keySet());
        }
        return keys;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<FeatureInfo> findFeature(UUID namespace, String featureIdOrKey) {
        return FeatureService.lookup(features, namespace, featureIdOrKey).map(CatalogApiService::info);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<String, FeatureInfo> findLiveFeatures(UUID namespace, java.util.Collection<String> keys) {
        java.util.Map<String, FeatureInfo> byKey = new java.util.HashMap<>();
        features.findLiveByKeys(namespace, keys).forEach(f -> byKey.put(f.key(), info(f)));
        return byKey;
    }

    private static FeatureInfo info(Feature f) {
        return new FeatureInfo(f.id(), f.key(), f.name(), f.meterSlug(), filters(f), f.isArchived(),
                f.metadata() == null ? java.util.Map.of() : f.metadata(), f.unitCost());
    }

    private static java.util.Map<String, Object> filters(Feature f) {
        java.util.Map<String, Object> filters = new java.util.LinkedHashMap<>();
        if (f.meterGroupByFilters() != null) {
            f.meterGroupByFilters().forEach((key, value) -> filters.put(key, java.util.Map.of("$eq", value)));
        }
        if (f.advancedMeterGroupByFilters() != null) {
            filters.putAll(f.advancedMeterGroupByFilters());
        }
        return filters;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<PlanTerms> activePlan(UUID namespace, String key) {
        return plans.findActive(namespace, key, clock.instant()).map(plan -> {
            var main = plan.phases().get(plan.phases().size() - 1);
            return new PlanTerms(plan.header().id(), plan.header().key(), plan.header().version(), plan.header().name(), plan.header().metadata(),
                    templates(main.rateCards()));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<AddonTerms> activeAddon(UUID namespace, String key) {
        return addons.findActive(namespace, key, clock.instant()).map(addon -> new AddonTerms(addon.header().id(), addon.header().key(),
                addon.header().version(), addon.header().name(), templates(addon.rateCards())));
    }

    @Override
    public java.util.Optional<TemplateTerms> entitlementTemplate(java.util.Map<String, Object> rateCard) {
        return templates(List.of(dev.tollgate.catalog.domain.RateCard.ofDocument(rateCard, json::isObject))).stream().findFirst();
    }

    private static List<TemplateTerms> templates(List<dev.tollgate.catalog.domain.RateCard> cards) {
        return cards.stream().filter(card -> card.entitlementTemplate() != null).map(card -> {
            var t = card.entitlementTemplate();
            var period = t.usagePeriod() != null ? t.usagePeriod() : card.billingCadence();
            return new TemplateTerms(card.featureKey(), t.type(), t.config(), t.issueAfterReset(), t.issueAfterResetPriority(), t.isSoftLimit(),
                    t.preserveOverageAtReset(), period == null ? null : period.text());
        }).toList();
    }

    @Override
    public java.util.Map<String, Object> readLineRateCard(dev.tollgate.platform.domain.DocumentReader reader,
                                                         java.util.Map<String, Object> line, String path) {
        return dev.tollgate.catalog.domain.LineRateCards.read(reader, line, path);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<PlanVersion> planVersion(UUID namespace, String key, Integer version) {
        if (version == null) {
            return plans.findActive(namespace, key, clock.instant()).map(this::version);
        }
        var filter = new dev.tollgate.catalog.domain.CatalogFilter(false, List.of(), List.of(), java.util.Map.of(key, List.of(version)),
                List.of(), List.of(), "id", false);
        return plans.list(namespace, filter, new PageRequest(0, 1), clock.instant()).items().stream().findFirst().map(this::version);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<PlanVersion> planVersion(UUID namespace, UUID id) {
        return plans.find(namespace, id).filter(plan -> !plan.header().deleted()).map(this::version);
    }

    /** Read by catalog's own rules; a custom plan has no key, so a placeholder stands in for the check and is dropped. */
    @Override
    @Transactional(readOnly = true)
    public PlanVersion customPlan(UUID namespace, java.util.Map<String, Object> document) {
        java.util.Map<String, Object> keyed = new java.util.LinkedHashMap<>(document);
        keyed.put("key", "custom");
        var plan = dev.tollgate.catalog.domain.Plan.define(namespace, 1, keyed, json::isObject, clock.instant());
        var problems = dev.tollgate.catalog.domain.FeatureReferences.problems(plan, k -> features.findLiveByKey(namespace, k));
        if (!problems.isEmpty()) {
            throw new dev.tollgate.platform.domain.ValidationException(problems);
        }
        PlanVersion v = version(plan);
        return new PlanVersion(null, null, null, v.name(), v.description(), v.metadata(), v.currency(), v.billingCadence(), v.proRating(),
                null, v.phases());
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<AddonOffer> offeredAddon(UUID namespace, UUID planId, UUID addonId) {
        return offers.findByAddon(namespace, planId, addonId).flatMap(offer -> addons.find(namespace, addonId)
                .filter(addon -> !addon.header().deleted())
                .map(addon -> new AddonOffer(addon.header().id(), addon.header().key(), addon.header().version(), addon.header().name(),
                        addon.instanceType(), addon.header().currency(), addon.header().status(clock.instant()).wire(),
                        addon.rateCards().stream().map(dev.tollgate.catalog.domain.RateCard::toDocument).toList(), offer.fromPlanPhase(),
                        offer.maxQuantity())));
    }

    private PlanVersion version(dev.tollgate.catalog.domain.Plan plan) {
        var h = plan.header();
        return new PlanVersion(h.id(), h.key(), h.version(), h.name(), h.description(), h.metadata(), h.currency(), plan.billingCadence().text(),
                plan.proRating(), h.status(clock.instant()).wire(), plan.phases().stream().map(p -> new PhaseTerms(p.key(), p.name(),
                        p.description(), p.metadata(), p.duration() == null ? null : p.duration().text(),
                        p.rateCards().stream().map(dev.tollgate.catalog.domain.RateCard::toDocument).toList())).toList());
    }
}
