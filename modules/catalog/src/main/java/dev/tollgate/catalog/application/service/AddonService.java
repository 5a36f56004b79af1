package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.application.port.in.ManageAddonsUseCase;
import dev.tollgate.catalog.application.port.out.AddonStore;
import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.FeatureReferences;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

@Singleton
class AddonService implements ManageAddonsUseCase {
    private final VersionLifecycle<Addon> addons;
    private final FeatureStore features;
    private final JsonSyntax json;
    private final TenancyApi tenancy;
    private final AuditTrail audit;

    AddonService(AddonStore addons, FeatureStore features, JsonSyntax json, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.addons = new VersionLifecycle<>(addons, "Addon", json, clock);
        this.features = features;
        this.json = json;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Reviewed<Addon> create(Caller caller, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Addon addon = addons.create(namespace, document, (ns, version, doc, now) -> Addon.define(ns, version, doc, json::isObject, now));
        audit.record(caller, namespace, AuditTrail.Change.created("addon", AuditSnapshots.id(addon), AuditSnapshots.label("Add-on", addon)
                + " created", AuditSnapshots.of(addon)));
        return review(addon);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Reviewed<Addon>> list(Caller caller, CatalogFilter filter, PageRequest page) {
        return addons.store().list(namespace(caller, Capability.READ_METERS), filter, page, addons.now()).map(this::review);
    }

    @Override
    @Transactional(readOnly = true)
    public Reviewed<Addon> get(Caller caller, String addonIdOrKey, boolean includeLatest) {
        return review(addons.get(namespace(caller, Capability.READ_METERS), addonIdOrKey, includeLatest));
    }

    @Override
    @Transactional
    public Reviewed<Addon> update(Caller caller, String addonId, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Addon before = addons.require(namespace, addonId);
        Addon updated = addons.update(namespace, addonId, document);
        audit.record(caller, namespace, AuditTrail.Change.updated("addon", AuditSnapshots.id(updated), AuditSnapshots.label("Add-on", updated)
                + " updated", AuditSnapshots.of(before), AuditSnapshots.of(updated)));
        return review(updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String addonId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Addon addon = addons.require(namespace, addonId);
        addons.delete(namespace, addonId);
        audit.record(caller, namespace, AuditTrail.Change.deleted("addon", AuditSnapshots.id(addon), AuditSnapshots.label("Add-on", addon)
                + " deleted", AuditSnapshots.of(addon)));
    }

    @Override
    @Transactional
    public Reviewed<Addon> publish(Caller caller, String addonId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Addon published = addons.publish(namespace, addonId,
                addon -> FeatureReferences.problems(addon, key -> features.findLiveByKey(addon.header().namespace(), key)));
        audit.record(caller, namespace, lifecycle(published, "published"));
        return review(published);
    }

    @Override
    @Transactional
    public Reviewed<Addon> archive(Caller caller, String addonId) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Addon archived = addons.archive(namespace, addonId);
        audit.record(caller, namespace, lifecycle(archived, "archived"));
        return review(archived);
    }

    private static AuditTrail.Change lifecycle(Addon addon, String verb) {
        return new AuditTrail.Change("addon", AuditSnapshots.id(addon), "addon." + verb, AuditSnapshots.label("Add-on", addon) + " " + verb,
                null, AuditSnapshots.of(addon));
    }

    Reviewed<Addon> review(Addon addon) {
        boolean draft = addon.header().status(addons.now()) == CatalogStatus.DRAFT && !addon.header().deleted();
        return new Reviewed<>(addon, draft
                ? FeatureReferences.problems(addon, key -> features.findLiveByKey(addon.header().namespace(), key)) : null);
    }

    private UUID namespace(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }
}
