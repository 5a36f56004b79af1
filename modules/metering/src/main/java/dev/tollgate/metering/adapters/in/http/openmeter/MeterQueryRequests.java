package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.QueryResultView;
import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.QueryRowView;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.metering.domain.WindowSize;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A meter query as OpenMeter's clients send it — query parameters (deepObject {@code filterGroupBy[key]}, JSON-encoded
 * {@code advancedMeterGroupByFilters}) or a JSON body — and the answer in JSON or, when asked for, CSV. Shared by the
 * namespace's query routes and the consumer portal's.
 */
@Singleton
final class MeterQueryRequests {
    static final String TEXT_CSV = "text/csv";
    private final JsonMapper json;

    MeterQueryRequests(JsonMapper json) {
        this.json = json;
    }

    @Serdeable
    record MeterQueryBody(@Nullable String clientId, @Nullable String from, @Nullable String to, @Nullable String windowSize,
                          @Nullable String windowTimeZone, @Nullable List<String> subject, @Nullable List<String> filterCustomerId,
                          @Nullable Map<String, List<String>> filterGroupBy,
                          @Nullable Map<String, Map<String, Object>> advancedMeterGroupByFilters, @Nullable List<String> groupBy) {
    }

    MeterQuery fromParameters(HttpParameters parameters) {
        OpenMeterParams.clientId(parameters.get("clientId"));
        Map<String, TextFilter> filterGroupBy = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            if (name.startsWith("filterGroupBy[") && name.endsWith("]")) {
                filterGroupBy.put(name.substring("filterGroupBy[".length(), name.length() - 1),
                        new TextFilter.Compare("$eq", parameters.get(name)));
            }
        }
        String advanced = parameters.get("advancedMeterGroupByFilters");
        if (advanced != null) {
            if (!filterGroupBy.isEmpty()) {
                throw new ValidationException("advancedMeterGroupByFilters", "cannot be combined with filterGroupBy");
            }
            Map<String, Object> parsed;
            try {
                parsed = json.readValue(advanced, Argument.mapOf(String.class, Object.class));
            } catch (IOException | RuntimeException e) {
                throw new ValidationException("advancedMeterGroupByFilters", "must be a JSON object");
            }
            filterGroupBy.putAll(advancedFilters(parsed));
        }
        return query(parameters.get("from"), parameters.get("to"), parameters.get("windowSize"), parameters.get("windowTimeZone"),
                parameters.getAll("subject"), parameters.getAll("groupBy"), filterGroupBy, parameters.getAll("filterCustomerId"));
    }

    MeterQuery fromBody(MeterQueryBody body) {
        OpenMeterParams.clientId(body.clientId());
        Map<String, TextFilter> filterGroupBy = new LinkedHashMap<>();
        if (body.filterGroupBy() != null) {
            body.filterGroupBy().forEach((key, values) -> {
                if (values == null || values.isEmpty()) {
                    throw new ValidationException("filterGroupBy." + key, "must list at least one value");
                }
                filterGroupBy.put(key, new TextFilter.Among(false, values));
            });
        }
        if (body.advancedMeterGroupByFilters() != null) {
            if (!filterGroupBy.isEmpty()) {
                throw new ValidationException("advancedMeterGroupByFilters", "cannot be combined with filterGroupBy");
            }
            filterGroupBy.putAll(advancedFilters(body.advancedMeterGroupByFilters()));
        }
        return query(body.from(), body.to(), body.windowSize(), body.windowTimeZone(), body.subject(), body.groupBy(), filterGroupBy,
                body.filterCustomerId());
    }

    private static MeterQuery query(String from, String to, String windowSize, String zone, List<String> subjects, List<String> groupBy,
                                    Map<String, TextFilter> filterGroupBy, List<String> customers) {
        return new MeterQuery(OpenMeterParams.instant("from", from), OpenMeterParams.instant("to", to),
                WindowSize.parse("windowSize", windowSize), WindowSize.zone("windowTimeZone", zone), subjects, groupBy, filterGroupBy,
                customers);
    }

    private static Map<String, TextFilter> advancedFilters(Map<String, ?> filters) {
        Map<String, TextFilter> parsed = new LinkedHashMap<>();
        filters.forEach((key, filter) -> parsed.put(key, TextFilter.parse("advancedMeterGroupByFilters." + key, filter)));
        return parsed;
    }

    static QueryResultView result(MeterQuery query, List<MeterQueryRow> rows) {
        return new QueryResultView(query.from(), query.to(), query.windowSize() == null ? null : query.windowSize().name(),
                rows.stream().map(QueryRowView::of).toList());
    }

    /** JSON, or CSV when the client accepts CSV and not JSON. */
    static MutableHttpResponse<?> respond(HttpRequest<?> request, QueryResultView result) {
        var accepted = request.getHeaders().accept();
        boolean csv = accepted.stream().anyMatch(type -> type.getName().equals(TEXT_CSV))
                && accepted.stream().noneMatch(type -> type.getName().equals(MediaType.APPLICATION_JSON));
        return csv ? HttpResponse.ok(csv(result)).contentType(TEXT_CSV) : HttpResponse.ok(result).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String csv(QueryResultView result) {
        List<String> keys = new ArrayList<>();
        result.data().forEach(row -> row.groupBy().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        StringBuilder out = new StringBuilder("window_start,window_end,subject,customer_id");
        keys.forEach(key -> out.append(',').append(cell(key)));
        out.append(",value\n");
        for (QueryRowView row : result.data()) {
            out.append(row.windowStart()).append(',').append(row.windowEnd()).append(',').append(cell(row.subject())).append(',')
                    .append(cell(row.customerId()));
            keys.forEach(key -> out.append(',').append(cell(row.groupBy().get(key))));
            out.append(',').append(row.value().toPlainString()).append('\n');
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
