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

    AddonService(AddonStore addons, FeatureStore features, JsonSyntax json, TenancyApi tenancy, Clock clock) {
        this.addons = new VersionLifecycle<>(addons, "Addon", json, clock);
        this.features = features;
        this.json = json;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Reviewed<Addon> create(Caller caller, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        return review(addons.create(namespace, document, (ns, version, doc, now) -> Addon.define(ns, version, doc, json::isObject, now)));
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
        return review(addons.update(namespace(caller, Capability.MANAGE_METERS), addonId, document));
    }

    @Override
    @Transactional
    public void delete(Caller caller, String addonId) {
        addons.delete(namespace(caller, Capability.MANAGE_METERS), addonId);
    }

    @Override
    @Transactional
    public Reviewed<Addon> publish(Caller caller, String addonId) {
        return review(addons.publish(namespace(caller, Capability.MANAGE_METERS), addonId,
                addon -> FeatureReferences.problems(addon, key -> features.findLiveByKey(addon.header().namespace(), key))));
    }

    @Override
    @Transactional
    public Reviewed<Addon> archive(Caller caller, String addonId) {
        return review(addons.archive(namespace(caller, Capability.MANAGE_METERS), addonId));
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
