package dev.tollgate.catalog.api;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's documents as its dialects show them, for other modules that embed one in their own messages (an
 * OpenMeter notification carries the feature it is about). Written by the same views the catalog's routes use.
 */
public interface CatalogDocuments {
    /** OpenMeter's {@code Feature} of the namespace by id, archived too; empty when there is none. */
    Optional<Map<String, Object>> openMeterFeature(UUID namespace, UUID featureId);
}
