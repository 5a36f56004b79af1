package dev.tollgate.metering.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase;
import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase.CostRow;
import dev.tollgate.metering.application.port.in.QueryFeatureCostUseCase.FeatureCost;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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

    /** {@code cost} is null when the usage cannot be priced; {@code detail} then says why. */
    @Serdeable
    record CostRowView(String usage, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String cost,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String currency, @Nullable String detail, Instant windowStart,
                       Instant windowEnd, @Nullable String subject, @Nullable String customerId, @Nullable Map<String, String> groupBy) {
        static CostRowView of(CostRow row, String currency) {
            MeterQueryRow usage = row.usage();
            return new CostRowView(usage.value().toPlainString(), row.cost() == null ? null : row.cost().stripTrailingZeros().toPlainString(),
                    currency, row.detail(), usage.windowStart(), usage.windowEnd(), usage.subject(), usage.customerId(),
                    usage.groupBy() == null || usage.groupBy().isEmpty() ? null : usage.groupBy());
        }
    }

    @Serdeable
    record FeatureCostView(@JsonInclude(JsonInclude.Include.ALWAYS) Instant from, @JsonInclude(JsonInclude.Include.ALWAYS) Instant to,
                           @Nullable String windowSize, @JsonInclude(JsonInclude.Include.ALWAYS) String currency, List<CostRowView> data) {
    }

    @Get
    @Operation(operationId = "queryFeatureCost", summary = "Query feature cost")
    FeatureCostView cost(Caller caller, String featureId, HttpRequest<?> request) {
        MeterQuery query = requests.fromParameters(request.getParameters());
        FeatureCost cost = costs.cost(caller, featureId, query, request.getParameters().get("clientId"));
        return new FeatureCostView(query.from(), query.to(), query.windowSize() == null ? null : query.windowSize().name(), cost.currency(),
                cost.rows().stream().map(row -> CostRowView.of(row, cost.currency())).toList());
    }
}
