package dev.tollgate.metering.api.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who depends on a meter: the live features that track it (catalog's), with the groupBy keys their filters use. A
 * meter they use cannot be deleted, nor lose those keys. Metering may not depend on catalog: the deployable
 * implements this over catalog's published API.
 */
public interface MeterUsers {
    List<FeatureUse> activeFeatures(UUID namespace, String meterSlug);

    record FeatureUse(String featureKey, Set<String> groupByKeys) {
    }
}
