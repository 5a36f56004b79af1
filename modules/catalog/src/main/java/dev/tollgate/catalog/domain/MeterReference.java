package dev.tollgate.catalog.domain;

import java.util.Set;

/** What a feature needs to know of the meter it tracks: its aggregation and the keys it can be grouped by. */
public record MeterReference(String slug, String aggregation, Set<String> groupByKeys) {
}
