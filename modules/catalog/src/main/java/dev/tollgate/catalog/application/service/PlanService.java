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
import dev.tollgate.tenancy.api.AuditTrail;
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
    private final AuditTrail audit;

    PlanService(PlanStore plans, AddonStore addons, PlanAddonStore offers, FeatureStore features, JsonSyntax json, TenancyApi tenancy,
                Clock clock, AuditTrail audit) {
        this.audit = audit;
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
        Plan plan = plans.create(namespace, document, (ns, version, doc, now) -> Plan.define(ns, version, doc, json::isObject, now));
        audit.record(caller, namespace, AuditTrail.Change.created("plan", AuditSnapshots.id(plan), AuditSnapshots.label("Plan", plan) + " created",
                AuditSnapshots.of(plan)));
        return review(plan);
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
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan before = plans.require(namespace, planId);
        Plan updated = plans.update(namespace, planId, document);
        audit.record(caller, namespace, AuditTrail.Change.updated("plan", AuditSnapshots.id(updated), AuditSnapshots.label("Plan", updated)
                + " updated", AuditSnapshots.of(before), AuditSnapshots.of(updated)));
        return review(updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String planId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan plan = plans.require(namespace, planId);
        plans.delete(namespace, planId);
        audit.record(caller, namespace, AuditTrail.Change.deleted("plan", AuditSnapshots.id(plan), AuditSnapshots.label("Plan", plan) + " deleted",
                AuditSnapshots.of(plan)));
    }

    @Override
    @Transactional
    public Reviewed<Plan> publish(Caller caller, String planId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan published = plans.publish(namespace, planId, this::problems);
        audit.record(caller, namespace, lifecycle(published, "published"));
        return review(published);
    }

    @Override
    @Transactional
    public Reviewed<Plan> archive(Caller caller, String planId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan archived = plans.archive(namespace, planId);
        audit.record(caller, namespace, lifecycle(archived, "archived"));
        return review(archived);
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
        audit.record(caller, namespace, AuditTrail.Change.created("plan", AuditSnapshots.id(draft), AuditSnapshots.label("Plan", draft)
                + " created as the next draft of version " + source.header().version(), AuditSnapshots.of(draft)));
        return review(draft);
    }

    private static AuditTrail.Change lifecycle(Plan plan, String verb) {
        return new AuditTrail.Change("plan", AuditSnapshots.id(plan), "plan." + verb, AuditSnapshots.label("Plan", plan) + " " + verb, null,
                AuditSnapshots.of(plan));
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
