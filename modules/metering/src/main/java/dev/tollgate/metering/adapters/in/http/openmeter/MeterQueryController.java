package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.MeterQueryRequests.MeterQueryBody;
import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.QueryResultView;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** OpenMeter's meter queries (GET with query parameters, in JSON or CSV; POST with a JSON body), subjects and group values. */
@Controller("/api/v1/meters/{meterIdOrSlug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: meters")
final class MeterQueryController {
    private final QueryMetersUseCase queries;
    private final MeterQueryRequests requests;

    MeterQueryController(QueryMetersUseCase queries, MeterQueryRequests requests) {
        this.queries = queries;
        this.requests = requests;
    }

    @Get(value = "/query", produces = {MediaType.APPLICATION_JSON, MeterQueryRequests.TEXT_CSV})
    @Operation(operationId = "queryMeter", summary = "Query meter")
    MutableHttpResponse<?> query(Caller caller, String meterIdOrSlug, HttpRequest<?> request) {
        MeterQuery query = requests.fromParameters(request.getParameters());
        String clientId = request.getParameters().get("clientId");
        return MeterQueryRequests.respond(request, MeterQueryRequests.result(query, queries.query(caller, meterIdOrSlug, query, clientId)));
    }

    @Post("/query")
    @Operation(operationId = "queryMeterPost", summary = "Query meter")
    QueryResultView queryPost(Caller caller, String meterIdOrSlug, @Body MeterQueryBody body) {
        MeterQuery query = requests.fromBody(body);
        return MeterQueryRequests.result(query, queries.query(caller, meterIdOrSlug, query, body.clientId()));
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
