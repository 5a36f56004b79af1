package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.application.port.in.ManagePlansUseCase;
import dev.tollgate.catalog.application.port.out.AddonStore;
import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.catalog.application.port.out.PlanAddonStore;
import dev.tollgate.catalog.application.port.out.PlanStore;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.FeatureReferences;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class PlanService implements ManagePlansUseCase {
    private final VersionLifecycle<Plan> plans;
    private final AddonStore addons;
    private final PlanAddonStore offers;
    private final FeatureStore features;
    private final JsonSyntax json;
    private final TenancyApi tenancy;

    PlanService(PlanStore plans, AddonStore addons, PlanAddonStore offers, FeatureStore features, JsonSyntax json, TenancyApi tenancy,
                Clock clock) {
        this.plans = new VersionLifecycle<>(plans, "Plan", json, clock);
        this.addons = addons;
        this.offers = offers;
        this.features = features;
        this.json = json;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Reviewed<Plan> create(Caller caller, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        return review(plans.create(namespace, document, (ns, version, doc, now) -> Plan.define(ns, version, doc, json::isObject, now)));
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Reviewed<Plan>> list(Caller caller, CatalogFilter filter, PageRequest page) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        return plans.store().list(namespace, filter, page, plans.now()).map(this::review);
    }

    @Override
    @Transactional(readOnly = true)
    public Reviewed<Plan> get(Caller caller, String planIdOrKey, boolean includeLatest) {
        return review(plans.get(namespace(caller, Capability.READ_METERS), planIdOrKey, includeLatest));
    }

    @Override
    @Transactional
    public Reviewed<Plan> update(Caller caller, String planId, Map<String, Object> document) {
        return review(plans.update(namespace(caller, Capability.MANAGE_METERS), planId, document));
    }

    @Override
    @Transactional
    public void delete(Caller caller, String planId) {
        plans.delete(namespace(caller, Capability.MANAGE_METERS), planId);
    }

    @Override
    @Transactional
    public Reviewed<Plan> publish(Caller caller, String planId) {
        return review(plans.publish(namespace(caller, Capability.MANAGE_METERS), planId, this::problems));
    }

    @Override
    @Transactional
    public Reviewed<Plan> archive(Caller caller, String planId) {
        return review(plans.archive(namespace(caller, Capability.MANAGE_METERS), planId));
    }

    /**
     * OpenMeter's deprecated nextPlan: copies the latest published version into a new draft. Refused while a draft
     * exists or when the source is not the latest published version.
     */
    @Override
    @Transactional
    public Reviewed<Plan> next(Caller caller, String planIdOrKey) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan source = plans.get(namespace, planIdOrKey, true);
        String key = source.header().key();
        plans.requireNoDraft(namespace, key);
        Plan latest = plans.store().findLatest(namespace, key).orElseThrow(() -> NotFoundException.of("Plan", planIdOrKey));
        if (!latest.header().id().equals(source.header().id())) {
            throw new ValidationException("plan_not_latest", List.of(new FieldError("planId", "version " + source.header().version()
                    + " is not the latest published version of '" + key + "' (" + latest.header().version() + " is)", "plan_not_latest")));
        }
        Plan draft = source.nextDraft(plans.nextVersion(namespace, key), plans.now());
        plans.store().save(draft);
        return review(draft);
    }

    /** A plan with what would stop its publication: drafts only; published versions were checked when published. */
    Reviewed<Plan> review(Plan plan) {
        CatalogStatus status = plan.header().status(plans.now());
        boolean editable = status == CatalogStatus.DRAFT || status == CatalogStatus.SCHEDULED;
        return new Reviewed<>(plan, editable && !plan.header().deleted() ? problems(plan) : null);
    }

    private List<FieldError> problems(Plan plan) {
        UUID namespace = plan.header().namespace();
        List<FieldError> problems = new ArrayList<>(FeatureReferences.problems(plan, key -> features.findLiveByKey(namespace, key)));
        for (PlanAddon offer : offers.ofPlan(namespace, plan.header().id())) {
            addons.find(namespace, offer.addonId()).ifPresent(addon -> offer.problems(plan, addon).forEach(problem ->
                    problems.add(new FieldError("addons/" + addon.header().key() + "/" + problem.field(), problem.message(), problem.code()))));
        }
        return problems;
    }

    private UUID namespace(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }
}
