package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An OpenMeter meter: which events it counts ({@code eventType}, from {@code eventFrom} on), which value it aggregates
 * (the JSONPath {@code valueProperty} into the event's data, none for COUNT) and how, and the dimensions it can be
 * grouped by ({@code groupBy}: name → JSONPath). Slug, aggregation, event type, value and start are fixed for life.
 */
public record Meter(UUID id, UUID namespace, String slug, String name, String description, MeterAggregation aggregation,
                    String eventType, Instant eventFrom, String valueProperty, Map<String, String> groupBy,
                    Map<String, String> metadata, Instant createdAt, Instant updatedAt, Instant deletedAt) {
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(?:_[a-z0-9]+)*$");
    private static final Pattern GROUP_KEY = Pattern.compile("^[a-zA-Z_][0-9a-zA-Z_]*$");

    public Meter {
        groupBy = groupBy == null ? Map.of() : Map.copyOf(groupBy);
    }

    /** A new meter, validated as OpenMeter validates it (COUNT takes no value property; paths start with "$"). */
    public static Meter define(UUID namespace, String slug, String name, String description, String aggregation, String eventType,
                               Instant eventFrom, String valueProperty, Map<String, String> groupBy, Map<String, String> metadata,
                               Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || slug.isEmpty() || slug.length() > 64 || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must be 1-64 lowercase letters, digits and single underscores, e.g. tokens_total"));
        }
        MeterAggregation how = null;
        try {
            how = MeterAggregation.parse("aggregation", aggregation);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (eventType == null || eventType.isEmpty()) {
            errors.add(new FieldError("eventType", "is required"));
        }
        if (how == MeterAggregation.COUNT && valueProperty != null) {
            errors.add(new FieldError("valueProperty", "meter value property is not allowed when the aggregation is count"));
        } else if (how != null && how != MeterAggregation.COUNT && (valueProperty == null || !valueProperty.startsWith("$"))) {
            errors.add(new FieldError("valueProperty", "is required for " + how + " and must be a JSONPath starting with $"));
        } else if (valueProperty != null && !MeterPath.allowed(valueProperty)) {
            errors.add(new FieldError("valueProperty", MeterPath.RULE));
        }
        checkName(errors, name, description);
        checkGroupBy(errors, groupBy, valueProperty);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String shown = name == null || name.isEmpty() ? slug : name;
        return new Meter(TypeId.newUuid(), namespace, slug, shown, description, how, eventType, eventFrom, valueProperty,
                groupBy == null ? Map.of() : new LinkedHashMap<>(groupBy), metadata, now, now, null);
    }

    /**
     * Why an event cannot count towards this meter, or null when it can: {@code jsonType} and {@code text} are what
     * the value property finds in the event's data (jsonb_typeof and the value as text; both null when absent).
     * Numeric aggregations need a number or a numeric string; UNIQUE_COUNT a string or a number; COUNT anything.
     */
    public String validationError(String jsonType, String text) {
        if (aggregation == MeterAggregation.COUNT || valueProperty == null) {
            return null;
        }
        if (jsonType == null || jsonType.equals("null")) {
            return "meter " + slug + ": the event has no value at " + valueProperty;
        }
        if (aggregation == MeterAggregation.UNIQUE_COUNT) {
            return jsonType.equals("string") || jsonType.equals("number") ? null
                    : "meter " + slug + ": the value at " + valueProperty + " is a JSON " + jsonType + ", not a string";
        }
        if (jsonType.equals("number") || jsonType.equals("string") && NUMERIC.matcher(text).matches()) {
            return null;
        }
        return "meter " + slug + ": the value at " + valueProperty + " is not a number: " + (jsonType.equals("string") ? "'" + text + "'" : "a JSON " + jsonType);
    }

    /** What the store accepts as a numeric string (the same test as SqlUsageQueries' NUMERIC). */
    private static final Pattern NUMERIC = Pattern.compile("^\\s*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?\\s*$");

    /** Only name, description, metadata and groupBy change. */
    public Meter update(String newName, String newDescription, Map<String, String> newGroupBy, Map<String, String> newMetadata,
                        Instant now) {
        List<FieldError> errors = new ArrayList<>();
        checkName(errors, newName, newDescription);
        checkGroupBy(errors, newGroupBy, valueProperty);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Meter(id, namespace, slug, newName == null || newName.isEmpty() ? slug : newName, newDescription, aggregation,
                eventType, eventFrom, valueProperty, newGroupBy == null ? Map.of() : newGroupBy, newMetadata, createdAt, now, null);
    }

    public Meter deleted(Instant now) {
        return new Meter(id, namespace, slug, name, description, aggregation, eventType, eventFrom, valueProperty, groupBy,
                metadata, createdAt, now, now);
    }

    private static void checkName(List<FieldError> errors, String name, String description) {
        if (name != null && name.length() > 256) {
            errors.add(new FieldError("name", "must be at most 256 characters"));
        }
        if (description != null && description.length() > 1024) {
            errors.add(new FieldError("description", "must be at most 1024 characters"));
        }
    }

    private static void checkGroupBy(List<FieldError> errors, Map<String, String> groupBy, String valueProperty) {
        if (groupBy == null) {
            return;
        }
        groupBy.forEach((key, path) -> {
            if (!GROUP_KEY.matcher(key).matches()) {
                errors.add(new FieldError("groupBy." + key, "keys must match ^[a-zA-Z_][0-9a-zA-Z_]*$"));
            } else if (path == null || !path.startsWith("$")) {
                errors.add(new FieldError("groupBy." + key, "must be a JSONPath starting with $"));
            } else if (!MeterPath.allowed(path)) {
                errors.add(new FieldError("groupBy." + key, MeterPath.RULE));
            } else if (path.equals(valueProperty)) {
                errors.add(new FieldError("groupBy." + key, "must differ from valueProperty"));
            }
        });
    }

    /** The meter's id in OpenMeter's ULID form (26 characters of Crockford base32). */
    public String ulid() {
        return Ulid.of(id);
    }
}
