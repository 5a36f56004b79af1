package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.QueryResultView;
import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.QueryRowView;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.metering.domain.WindowSize;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenMeter's meter queries (GET with query parameters, in JSON or CSV; POST with a JSON body), subjects and group values. */
@Controller("/api/v1/meters/{meterIdOrSlug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: meters")
final class MeterQueryController {
    static final String TEXT_CSV = "text/csv";
    private final QueryMetersUseCase queries;
    private final io.micronaut.json.JsonMapper json;

    MeterQueryController(QueryMetersUseCase queries, io.micronaut.json.JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @Serdeable
    record MeterQueryBody(@Nullable String clientId, @Nullable String from, @Nullable String to, @Nullable String windowSize,
                          @Nullable String windowTimeZone, @Nullable List<String> subject, @Nullable List<String> filterCustomerId,
                          @Nullable Map<String, List<String>> filterGroupBy,
                          @Nullable Map<String, Map<String, Object>> advancedMeterGroupByFilters, @Nullable List<String> groupBy) {
    }

    @Get(value = "/query", produces = {MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(operationId = "queryMeter", summary = "Query meter")
    MutableHttpResponse<?> query(Caller caller, String meterIdOrSlug, HttpRequest<?> request) {
        var parameters = request.getParameters();
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
            filterGroupBy.putAll(advancedFilters(jsonObject("advancedMeterGroupByFilters", advanced)));
        }
        Body body = new Body(parameters.get("clientId"), parameters.get("from"), parameters.get("to"), parameters.get("windowSize"), parameters.get("windowTimeZone"),
                parameters.getAll("subject"), parameters.getAll("filterCustomerId"), filterGroupBy, parameters.getAll("groupBy"));
        QueryResultView result = run(caller, meterIdOrSlug, body);
        boolean csv = request.getHeaders().accept().stream().anyMatch(type -> type.getName().equals(TEXT_CSV))
                && request.getHeaders().accept().stream().noneMatch(type -> type.getName().equals(MediaType.APPLICATION_JSON));
        if (csv) {
            return HttpResponse.ok(csv(result)).contentType(TEXT_CSV);
        }
        return HttpResponse.ok(result).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Post("/query")
    @Operation(operationId = "queryMeterPost", summary = "Query meter")
    QueryResultView queryPost(Caller caller, String meterIdOrSlug, @io.micronaut.http.annotation.Body MeterQueryBody body) {
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
        return run(caller, meterIdOrSlug, new Body(body.clientId(), body.from(), body.to(), body.windowSize(), body.windowTimeZone(), body.subject(),
                body.filterCustomerId(), filterGroupBy, body.groupBy()));
    }

    private static Map<String, TextFilter> advancedFilters(Map<String, ?> filters) {
        Map<String, TextFilter> parsed = new LinkedHashMap<>();
        filters.forEach((key, filter) -> parsed.put(key, TextFilter.parse("advancedMeterGroupByFilters." + key, filter)));
        return parsed;
    }

    private Map<String, Object> jsonObject(String field, String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException | RuntimeException e) {
            throw new ValidationException(field, "must be a JSON object");
        }
    }

    private record Body(String clientId, String from, String to, String windowSize, String windowTimeZone, List<String> subject,
                        List<String> filterCustomerId, Map<String, TextFilter> filterGroupBy, List<String> groupBy) {
    }

    private QueryResultView run(Caller caller, String meterIdOrSlug, Body body) {
        Instant from = OpenMeterParams.instant("from", body.from());
        Instant to = OpenMeterParams.instant("to", body.to());
        WindowSize windowSize = WindowSize.parse("windowSize", body.windowSize());
        MeterQuery query = new MeterQuery(from, to, windowSize, WindowSize.zone("windowTimeZone", body.windowTimeZone()),
                body.subject(), body.groupBy(), body.filterGroupBy(), body.filterCustomerId());
        List<MeterQueryRow> rows = queries.query(caller, meterIdOrSlug, query, body.clientId());
        return new QueryResultView(from, to, windowSize == null ? null : windowSize.name(), rows.stream().map(QueryRowView::of).toList());
    }

    private static String csv(QueryResultView result) {
        List<String> keys = new ArrayList<>();
        result.data().forEach(row -> row.groupBy().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        StringBuilder out = new StringBuilder("window_start,window_end,subject");
        keys.forEach(key -> out.append(',').append(cell(key)));
        out.append(",value\n");
        for (QueryRowView row : result.data()) {
            out.append(row.windowStart()).append(',').append(row.windowEnd()).append(',').append(cell(row.subject()));
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

    @Get("/subjects")
    @Operation(operationId = "listMeterSubjects", summary = "List meter subjects")
    List<String> subjects(Caller caller, String meterIdOrSlug, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        return queries.subjects(caller, meterIdOrSlug, OpenMeterParams.instant("from", from), OpenMeterParams.instant("to", to));
    }

    @Get("/group-by/{groupByKey}/values")
    @Operation(operationId = "listMeterGroupByValues", summary = "List meter group by values")
    List<String> groupByValues(Caller caller, String meterIdOrSlug, String groupByKey, @Nullable @QueryValue String from,
                               @Nullable @QueryValue String to) {
        return queries.groupByValues(caller, meterIdOrSlug, groupByKey, OpenMeterParams.instant("from", from),
                OpenMeterParams.instant("to", to));
    }
}
