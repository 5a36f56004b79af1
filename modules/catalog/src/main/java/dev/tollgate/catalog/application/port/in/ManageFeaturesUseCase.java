package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.UUID;

/** OpenMeter's features, in the caller's namespace. */
public interface ManageFeaturesUseCase {
    Feature create(Caller caller, Feature.Inputs inputs);

    Page<Feature> list(Caller caller, FeatureFilter filter, PageRequest page);

    /** By ULID, or by key (the live feature with that key). */
    Feature get(Caller caller, String featureIdOrKey);

    /**
     * A feature of the namespace by id, archived too, without a caller: for the catalog's own documents embedded in
     * other modules' messages (a notification names the feature it is about), never for a request.
     */
    java.util.Optional<Feature> find(UUID namespace, UUID id);

    /** Archives: new entitlements can no longer use it; it cannot be unarchived. */
    void archive(Caller caller, String featureIdOrKey);
}
