package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.application.port.in.ManageFeaturesUseCase;
import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.catalog.domain.MeterReference;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

@Singleton
class FeatureService implements ManageFeaturesUseCase {
    private final FeatureStore features;
    private final MeterDirectory meters;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    FeatureService(FeatureStore features, MeterDirectory meters, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.features = features;
        this.meters = meters;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Feature create(Caller caller, Feature.Inputs inputs) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_METERS).id();
        MeterReference meter = inputs.meterSlug() == null ? null : meters.find(namespace, inputs.meterSlug())
                .map(m -> new MeterReference(m.slug(), m.aggregation(), m.groupByKeys())).orElse(null);
        Feature feature = Feature.define(namespace, inputs, meter, clock.instant());
        if (features.findLiveByKey(namespace, feature.key()).isPresent()) {
            throw new ConflictException("feature_exists", "a feature with key '" + feature.key() + "' already exists; archive it first");
        }
        features.save(feature);
        audit.record(caller, namespace, AuditTrail.Change.created("feature", Ulid.of(feature.id()),
                "Feature '" + feature.name() + "' (" + feature.key() + ") created", AuditSnapshots.of(feature)));
        return feature;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Feature> list(Caller caller, FeatureFilter filter, PageRequest page) {
        return features.list(tenancy.requireNamespace(caller, Capability.READ_METERS).id(), filter, page);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<Feature> find(UUID namespace, UUID id) {
        return features.find(namespace, id);
    }

    @Override
    @Transactional(readOnly = true)
    public Feature get(Caller caller, String featureIdOrKey) {
        return find(tenancy.requireNamespace(caller, Capability.READ_METERS).id(), featureIdOrKey);
    }

    @Override
    @Transactional
    public void archive(Caller caller, String featureIdOrKey) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_METERS).id();
        Feature feature = find(namespace, featureIdOrKey);
        if (!feature.isArchived()) {
            Feature archived = feature.archived(clock.instant());
            features.save(archived);
            audit.record(caller, namespace, new AuditTrail.Change("feature", Ulid.of(feature.id()), "feature.archived",
                    "Feature '" + feature.name() + "' (" + feature.key() + ") archived", AuditSnapshots.of(feature), AuditSnapshots.of(archived)));
        }
    }

    private Feature find(UUID namespace, String idOrKey) {
        return lookup(features, namespace, idOrKey).orElseThrow(() -> NotFoundException.of("Feature", idOrKey));
    }

    /** A ULID names any feature, archived ones too; a key names the live feature with that key. Shared with CatalogApi. */
    static java.util.Optional<Feature> lookup(FeatureStore features, UUID namespace, String idOrKey) {
        return Ulid.parse(idOrKey).flatMap(id -> features.find(namespace, id)).or(() -> features.findLiveByKey(namespace, idOrKey));
    }
}
