package dev.tollgate.catalog.domain;

import java.util.List;

/** A feature listing: only these meters (all when empty), archived ones too or not, in this order. */
public record FeatureFilter(List<String> meterSlugs, boolean includeArchived, String orderBy, boolean descending) {
    public FeatureFilter {
        meterSlugs = meterSlugs == null ? List.of() : List.copyOf(meterSlugs);
    }
}
