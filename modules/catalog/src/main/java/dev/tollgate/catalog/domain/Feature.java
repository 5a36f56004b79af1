package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Something a plan or an entitlement grants: static (no meter) or metered (a meter, optionally narrowed by filters on
 * its groupBy values). Features are never changed, only archived; the JSON-shaped parts (filters, unit cost) are kept
 * as the caller sent them once validated.
 */
public record Feature(UUID id, UUID namespace, String key, String name, Map<String, String> metadata, String meterSlug,
                      Map<String, String> meterGroupByFilters, Map<String, Object> advancedMeterGroupByFilters,
                      Map<String, Object> unitCost, Instant createdAt, Instant updatedAt, Instant archivedAt) {
    private static final Pattern KEY = Pattern.compile("^[a-z0-9]+(?:_[a-z0-9]+)*$");
    /** OpenMeter: "Meters with SUM, COUNT, UNIQUE_COUNT and LATEST aggregations are supported for features." */
    private static final Set<String> FEATURE_AGGREGATIONS = Set.of("SUM", "COUNT", "UNIQUE_COUNT", "LATEST");
    private static final Set<String> TOKEN_TYPES = Set.of("input", "output", "cache_read", "reasoning", "cache_write");

    public boolean isArchived() {
        return archivedAt != null;
    }

    public record Inputs(String key, String name, Map<String, String> metadata, String meterSlug,
                             Map<String, String> meterGroupByFilters, Map<String, Object> advancedMeterGroupByFilters,
                             Map<String, Object> unitCost) {
    }

    /** A new feature; {@code meter} is the meter named by meterSlug (null when there is none or it does not exist). */
    public static Feature define(UUID namespace, Inputs d, MeterReference meter, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (d.key() == null || d.key().isEmpty() || d.key().length() > 64 || !KEY.matcher(d.key()).matches()) {
            errors.add(new FieldError("key", "must be 1-64 lowercase letters, digits and single underscores, e.g. ai_tokens"));
        }
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        boolean filtered = d.meterGroupByFilters() != null && !d.meterGroupByFilters().isEmpty()
                || d.advancedMeterGroupByFilters() != null && !d.advancedMeterGroupByFilters().isEmpty();
        if (d.meterSlug() == null) {
            if (filtered) {
                errors.add(new FieldError("meterSlug", "is required with meter group by filters"));
            }
        } else if (meter == null) {
            errors.add(new FieldError("meterSlug", "meter '" + d.meterSlug() + "' not found"));
        } else {
            if (!FEATURE_AGGREGATIONS.contains(meter.aggregation())) {
                errors.add(new FieldError("meterSlug", "meter '" + meter.slug() + "' aggregates with " + meter.aggregation()
                        + "; features support SUM, COUNT, UNIQUE_COUNT and LATEST meters"));
            }
            checkKeys(errors, "meterGroupByFilters", d.meterGroupByFilters(), meter);
            checkKeys(errors, "advancedMeterGroupByFilters", d.advancedMeterGroupByFilters(), meter);
        }
        if (d.advancedMeterGroupByFilters() != null) {
            d.advancedMeterGroupByFilters().forEach((k, filter) -> {
                if (!(filter instanceof Map<?, ?> object) || object.isEmpty()) {
                    errors.add(new FieldError("advancedMeterGroupByFilters." + k, "must be a filter object such as {\"$eq\":\"gpt-4\"}"));
                }
            });
        }
        checkUnitCost(errors, d.unitCost());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        // PostgreSQL keeps microseconds: the answer to the creation then equals every later read.
        Instant created = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new Feature(TypeId.newUuid(), namespace, d.key(), d.name(), d.metadata(), d.meterSlug(), d.meterGroupByFilters(),
                d.advancedMeterGroupByFilters(), d.unitCost(), created, created, null);
    }

    public Feature archived(Instant now) {
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new Feature(id, namespace, key, name, metadata, meterSlug, meterGroupByFilters, advancedMeterGroupByFilters, unitCost,
                createdAt, at, at);
    }

    private static void checkKeys(List<FieldError> errors, String field, Map<String, ?> filters, MeterReference meter) {
        if (filters == null) {
            return;
        }
        for (String groupKey : filters.keySet()) {
            if (!meter.groupByKeys().contains(groupKey)) {
                errors.add(new FieldError(field + "." + groupKey, "meter '" + meter.slug() + "' has no groupBy key '" + groupKey
                        + "'; its keys are " + meter.groupByKeys()));
            }
        }
    }

    private static void checkUnitCost(List<FieldError> errors, Map<String, Object> cost) {
        if (cost == null) {
            return;
        }
        Object type = cost.get("type");
        if ("manual".equals(type)) {
            Object amount = cost.get("amount");
            try {
                BigDecimal value = amount == null ? null : new BigDecimal(String.valueOf(amount));
                if (value == null || value.signum() < 0) {
                    errors.add(new FieldError("unitCost.amount", "is required and must not be negative"));
                } else if (value.precision() - value.scale() > 20 || value.scale() > 18) {
                    // Bounded, so a cost (usage x amount) is always a number of sensible size to compute and print.
                    errors.add(new FieldError("unitCost.amount", "must have at most 20 digits before the point and 18 after it"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("unitCost.amount", "must be a number such as \"0.002\", not '" + amount + "'"));
            }
        } else if ("llm".equals(type)) {
            for (String pair : List.of("provider", "model", "tokenType")) {
                boolean fixed = cost.get(pair) != null;
                boolean property = cost.get(pair + "Property") != null;
                if (fixed == property) {
                    errors.add(new FieldError("unitCost." + pair, "give exactly one of " + pair + " and " + pair + "Property"));
                }
            }
            if (cost.get("tokenType") != null && !TOKEN_TYPES.contains(String.valueOf(cost.get("tokenType")))) {
                errors.add(new FieldError("unitCost.tokenType", "must be one of " + TOKEN_TYPES));
            }
        } else {
            errors.add(new FieldError("unitCost.type", "must be manual or llm"));
        }
    }
}
