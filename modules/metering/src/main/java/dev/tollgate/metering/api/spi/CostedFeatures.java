package dev.tollgate.metering.api.spi;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The features whose cost metering computes from their meter's usage; they are catalog's, and only the deployable holds both. */
public interface CostedFeatures {
    /** The live feature by ULID or key. */
    Optional<CostedFeature> find(UUID namespace, String featureIdOrKey);

    /**
     * @param filters  OpenMeter filter objects by group-by key the feature restricts its meter's usage to
     * @param unitCost OpenMeter's FeatureUnitCost ({@code type} manual with {@code amount}, or llm); null without one
     */
    record CostedFeature(String key, String meterSlug, Map<String, Object> filters, Map<String, Object> unitCost) {
        /** The manual per-unit amount; null for another kind of unit cost or none. */
        public BigDecimal manualAmount() {
            if (unitCost == null || !"manual".equals(unitCost.get("type")) || unitCost.get("amount") == null) {
                return null;
            }
            try {
                return new BigDecimal(String.valueOf(unitCost.get("amount")));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }
}
