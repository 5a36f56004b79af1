package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.Optional;
import java.util.UUID;

public interface FeatureStore {
    /** Inserts or updates; a second live feature with the same key is a conflict (ConflictException). */
    void save(Feature feature);

    Optional<Feature> find(UUID namespace, UUID id);

    /** The feature with this key that is not archived. */
    Optional<Feature> findLiveByKey(UUID namespace, String key);

    /** The live features with any of these keys, in one read. */
    java.util.List<Feature> findLiveByKeys(UUID namespace, java.util.Collection<String> keys);

    Page<Feature> list(UUID namespace, FeatureFilter filter, PageRequest page);
}
