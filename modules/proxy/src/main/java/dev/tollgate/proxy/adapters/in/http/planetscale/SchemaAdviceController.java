package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.QueryPatternsReportResponse;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.SchemaRecommendationResponse;
import dev.tollgate.proxy.application.port.in.SchemaAdviceUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PlanetScale's query-patterns report and schema recommendations (ADR 0060), from the database's query insights. */
@Controller("/v1/organizations/{organization}/databases/{database}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: insights")
final class SchemaAdviceController {
    private final SchemaAdviceUseCase advice;

    SchemaAdviceController(SchemaAdviceUseCase advice) {
        this.advice = advice;
    }

    @Get("/branches/{branch}/query-patterns-report")
    @Operation(operationId = "getQueryPatternsReportStatus", summary = "Show the status of a query patterns report")
    QueryPatternsReportResponse report(Caller caller, String organization, String database, String branch) {
        return QueryPatternsReportResponse.of(advice.queryPatternsReport(caller, organization, database, branch));
    }

    @Get("/schema-recommendations")
    @Operation(operationId = "listSchemaRecommendations", summary = "List schema recommendations")
    DataList<SchemaRecommendationResponse> recommendations(Caller caller, String organization, String database) {
        return new DataList<>(advice.schemaRecommendations(caller, organization, database).stream()
                .map(SchemaRecommendationResponse::of).toList());
    }
}
