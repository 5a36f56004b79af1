package dev.tollgate.entitlements.application.service;

import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.metering.api.MeteringApi.MeterInfo;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The metering events a recorded usage becomes, shaped for the feature's meter: the quantity at the meter's value
 * property (SUM), or one event per unit (COUNT); the values the feature's filters require ({@code $eq}) at their
 * paths, so the usage counts for the feature it was recorded for; and the caller's metadata under {@code metadata}
 * (a meter groups by it with {@code $.metadata.<key>}), where it can change neither the value nor the filters.
 */
@Singleton
class UsageEvents {
    static final String SOURCE = "tollgate/entitlements/usage";
    /** Event types Tollgate's own components write (the proxy's usage); no caller records into them. */
    static final String TOLLGATE_EVENT_PREFIX = "tollgate.";
    /** COUNT meters take one event per unit; a bigger recording is refused rather than flooding the event store. */
    static final int MAX_COUNTED_UNITS = 1000;
    private static final Pattern PLAIN_PATH = Pattern.compile("^\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+$");
    private final JsonSyntax json;

    UsageEvents(JsonSyntax json) {
        this.json = json;
    }

    /** Refuses what no event of this meter could say, and Tollgate's own meters (the proxy's), which only it writes. */
    void requireRecordable(MeterInfo meter, String featureKey, long quantity) {
        if (meter.eventType().startsWith(TOLLGATE_EVENT_PREFIX)) {
            throw new ValidationException("feature", "Feature '" + featureKey + "' is measured by Tollgate itself; usage cannot be recorded for it");
        }
        boolean sum = "SUM".equals(meter.aggregation());
        if (!sum && !"COUNT".equals(meter.aggregation())) {
            throw new ValidationException("feature", "Feature '" + featureKey + "' is metered by " + meter.aggregation()
                    + "; usage can be recorded only for SUM or COUNT meters");
        }
        if (sum && !PLAIN_PATH.matcher(meter.valueProperty()).matches()) {
            throw new ValidationException("feature", "Feature '" + featureKey + "' is metered at '" + meter.valueProperty()
                    + "', which is not a plain $.field path usage can be written to");
        }
        if (!sum && quantity > MAX_COUNTED_UNITS) {
            throw new ValidationException("quantity", "must be at most " + MAX_COUNTED_UNITS + " for a feature counted by events");
        }
    }

    List<MeteringApi.Event> of(long recordId, MeterInfo meter, Map<String, Object> filters, String subject, long quantity,
                               Map<String, Object> metadata, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            data.put("metadata", metadata);
        }
        if (filters != null) {
            filters.forEach((groupKey, filter) -> {
                String path = meter.groupBy().get(groupKey);
                if (filter instanceof Map<?, ?> f && f.get("$eq") != null && path != null && PLAIN_PATH.matcher(path).matches()) {
                    put(data, path, f.get("$eq"));
                }
            });
        }
        String id = "usage-" + recordId;
        if ("SUM".equals(meter.aggregation())) {
            put(data, meter.valueProperty(), quantity);
            return List.of(new MeteringApi.Event(id, SOURCE, meter.eventType(), subject, at, json.write(data)));
        }
        List<MeteringApi.Event> units = new ArrayList<>();
        String dataJson = json.write(data);
        for (long unit = 0; unit < quantity; unit++) {
            units.add(new MeteringApi.Event(id + "-" + unit, SOURCE, meter.eventType(), subject, at, dataJson));
        }
        return units;
    }

    /** Sets {@code value} at a plain JSONPath ({@code $.a.b}), making the objects on the way. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> data, String path, Object value) {
        String[] names = path.substring(2).split("\\.");
        Map<String, Object> at = data;
        for (int i = 0; i < names.length - 1; i++) {
            Object next = at.get(names[i]);
            Map<String, Object> child = next instanceof Map ? new LinkedHashMap<>((Map<String, Object>) next) : new LinkedHashMap<>();
            at.put(names[i], child);
            at = child;
        }
        at.put(names[names.length - 1], value);
    }
}
