package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;

/** OpenMeter's features, in the caller's namespace. */
public interface ManageFeaturesUseCase {
    Feature create(Caller caller, Feature.Inputs inputs);

    Page<Feature> list(Caller caller, FeatureFilter filter, PageRequest page);

    /** By ULID, or by key (the live feature with that key). */
    Feature get(Caller caller, String featureIdOrKey);

    /** Archives: new entitlements can no longer use it; it cannot be unarchived. */
    void archive(Caller caller, String featureIdOrKey);
}
