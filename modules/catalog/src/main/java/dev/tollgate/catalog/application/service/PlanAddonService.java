package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.application.port.in.ManagePlanAddonsUseCase;
import dev.tollgate.catalog.application.port.out.AddonStore;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.catalog.application.port.out.PlanAddonStore;
import dev.tollgate.catalog.application.port.out.PlanStore;
import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.OfferedAddon;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which add-ons a plan version offers. Offers belong to the plan's terms, so they change only while the plan is a
 * draft; the add-on may be a draft too, but never deleted or archived.
 */
@Singleton
class PlanAddonService implements ManagePlanAddonsUseCase {
    private final VersionLifecycle<Plan> plans;
    private final VersionLifecycle<Addon> addons;
    private final PlanAddonStore offers;
    private final TenancyApi tenancy;
    private final AuditTrail audit;

    PlanAddonService(PlanStore plans, AddonStore addons, PlanAddonStore offers, JsonSyntax json, TenancyApi tenancy, Clock clock,
                     AuditTrail audit) {
        this.audit = audit;
        this.plans = new VersionLifecycle<>(plans, "Plan", json, clock);
        this.addons = new VersionLifecycle<>(addons, "Addon", json, clock);
        this.offers = offers;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Reviewed<OfferedAddon>> list(Caller caller, String planIdOrKey, CatalogFilter addonFilter, PageRequest page) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        Plan plan = plan(namespace, planIdOrKey);
        return offers.list(namespace, plan.header().id(), addonFilter, page, plans.now()).map(offer -> review(plan, offer));
    }

    @Override
    @Transactional
    public Reviewed<OfferedAddon> create(Caller caller, String planId, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan plan = editablePlan(namespace, planId);
        Object addonId = document.get("addonId");
        if (!(addonId instanceof String id) || Ulid.parse(id).isEmpty()) {
            throw new ValidationException("addonId", "is required: the ULID of the add-on version to offer");
        }
        Addon addon = offerableAddon(namespace, id);
        if (offers.findByAddon(namespace, plan.header().id(), addon.header().id()).isPresent()) {
            throw new ConflictException("plan_addon_exists", "add-on " + id + " is already offered with plan " + planId);
        }
        PlanAddon offer = PlanAddon.offer(plan, addon, document, plans.now());
        offers.save(offer);
        audit.record(caller, namespace, AuditTrail.Change.created("plan_addon", Ulid.of(offer.id()), AuditSnapshots.label("Add-on", addon)
                + " offered with " + AuditSnapshots.label("plan", plan), AuditSnapshots.of(offer, addon)));
        return review(plan, offer);
    }

    @Override
    @Transactional(readOnly = true)
    public Reviewed<OfferedAddon> get(Caller caller, String planIdOrKey, String addonIdOrKey) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        Plan plan = plan(namespace, planIdOrKey);
        return review(plan, offer(namespace, plan, addonIdOrKey));
    }

    @Override
    @Transactional
    public Reviewed<OfferedAddon> update(Caller caller, String planId, String planAddonId, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan plan = editablePlan(namespace, planId);
        PlanAddon offer = offer(namespace, plan, planAddonId);
        Addon addon = addons.store().find(namespace, offer.addonId()).orElseThrow(() -> NotFoundException.of("Addon", planAddonId));
        PlanAddon updated = offer.replaced(plan, addon, document, plans.now());
        offers.save(updated);
        audit.record(caller, namespace, AuditTrail.Change.updated("plan_addon", Ulid.of(offer.id()), "Offer of " + AuditSnapshots.label("add-on", addon)
                + " with " + AuditSnapshots.label("plan", plan) + " updated", AuditSnapshots.of(offer, addon), AuditSnapshots.of(updated, addon)));
        return review(plan, updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String planId, String planAddonId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Plan plan = editablePlan(namespace, planId);
        PlanAddon offer = offer(namespace, plan, planAddonId);
        offers.save(offer.deleted(plans.now()));
        Addon addon = addons.store().find(namespace, offer.addonId()).orElse(null);
        String what = addon == null ? "add-on " + Ulid.of(offer.addonId()) : AuditSnapshots.label("add-on", addon);
        audit.record(caller, namespace, AuditTrail.Change.deleted("plan_addon", Ulid.of(offer.id()), "Offer of " + what + " with "
                + AuditSnapshots.label("plan", plan) + " removed", addon == null ? null : AuditSnapshots.of(offer, addon)));
    }

    /** A plan by ULID, or by key: its active version, else its newest. */
    private Plan plan(UUID namespace, String idOrKey) {
        if (Ulid.parse(idOrKey).isPresent()) {
            return plans.get(namespace, idOrKey, false);
        }
        return plans.store().findActive(namespace, idOrKey, plans.now()).or(() -> plans.store().findLatest(namespace, idOrKey))
                .orElseThrow(() -> NotFoundException.of("Plan", idOrKey));
    }

    private Plan editablePlan(UUID namespace, String planId) {
        Plan plan = plans.require(namespace, planId);
        CatalogStatus status = plan.header().status(plans.now());
        if (status != CatalogStatus.DRAFT && status != CatalogStatus.SCHEDULED) {
            throw new ValidationException("plan_addon_incompatible_status", List.of(new FieldError("planId", "the add-ons of a "
                    + status.wire() + " plan cannot change; create a new version of the plan", "plan_addon_incompatible_status")));
        }
        return plan;
    }

    private Addon offerableAddon(UUID namespace, String addonId) {
        Addon addon = addons.require(namespace, addonId);
        CatalogStatus status = addon.header().status(plans.now());
        if (status == CatalogStatus.ARCHIVED) {
            throw new ValidationException("plan_addon_incompatible_status", List.of(new FieldError("addonId",
                    "add-on " + addonId + " is archived and cannot be offered", "plan_addon_incompatible_status")));
        }
        return addon;
    }

    /** OpenMeter names an offer by its add-on: the add-on version's ULID, or the add-on's key. */
    private PlanAddon offer(UUID namespace, Plan plan, String addonIdOrKey) {
        UUID planId = plan.header().id();
        return Ulid.parse(addonIdOrKey).flatMap(id -> offers.findByAddon(namespace, planId, id))
                .or(() -> offers.ofPlan(namespace, planId).stream()
                        .filter(o -> addons.store().find(namespace, o.addonId()).map(a -> a.header().key().equals(addonIdOrKey)).orElse(false))
                        .findFirst())
                .orElseThrow(() -> NotFoundException.of("PlanAddon", addonIdOrKey));
    }

    private Reviewed<OfferedAddon> review(Plan plan, PlanAddon offer) {
        Addon addon = addons.store().find(plan.header().namespace(), offer.addonId())
                .orElseThrow(() -> new IllegalStateException("offer " + offer.id() + " names a missing add-on"));
        CatalogStatus status = plan.header().status(plans.now());
        boolean draft = status == CatalogStatus.DRAFT || status == CatalogStatus.SCHEDULED;
        return new Reviewed<>(new OfferedAddon(offer, addon), draft ? offer.problems(plan, addon) : null);
    }

    private UUID namespace(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }
}
