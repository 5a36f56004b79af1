package dev.tollgate.catalog.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask of the catalog. */
public interface CatalogApi {
    /** The live (not archived) features that track a meter, with the groupBy keys their filters use. */
    List<MeteredFeature> activeFeaturesOfMeter(UUID namespace, String meterSlug);

    record MeteredFeature(String key, Set<String> filteredGroupByKeys) {
    }
}
