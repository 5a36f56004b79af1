package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase;
import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase.CostRow;
import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase.FeatureCost;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenMeter's queryFeatureCost, with queryMeter's parameters. */
@Controller("/api/v1/features/{featureId}/cost")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: features")
final class FeatureCostController {
    private final QueryFeatureCostUseCase costs;
    private final MeterQueryRequests requests;

    FeatureCostController(QueryFeatureCostUseCase costs, MeterQueryRequests requests) {
        this.costs = costs;
        this.requests = requests;
    }

    @Get
    @Operation(operationId = "queryFeatureCost", summary = "Query feature cost")
    Map<String, Object> cost(Caller caller, String featureId, HttpRequest<?> request) {
        MeterQuery query = requests.fromParameters(request.getParameters());
        FeatureCost cost = costs.cost(caller, featureId, query, request.getParameters().get("clientId"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (CostRow row : cost.rows()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("usage", row.usage().value().toPlainString());
            view.put("cost", row.cost() == null ? null : row.cost().stripTrailingZeros().toPlainString());
            view.put("currency", cost.currency());
            if (row.detail() != null) {
                view.put("detail", row.detail());
            }
            view.put("windowStart", row.usage().windowStart());
            view.put("windowEnd", row.usage().windowEnd());
            if (row.usage().subject() != null) {
                view.put("subject", row.usage().subject());
            }
            if (row.usage().customerId() != null) {
                view.put("customerId", row.usage().customerId());
            }
            if (row.usage().groupBy() != null && !row.usage().groupBy().isEmpty()) {
                view.put("groupBy", row.usage().groupBy());
            }
            data.add(view);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("from", query.from());
        result.put("to", query.to());
        if (query.windowSize() != null) {
            result.put("windowSize", query.windowSize().name());
        }
        result.put("currency", cost.currency());
        result.put("data", data);
        return result;
    }
}
