package dev.tollgate.catalog.adapters.in.http.pgbeam;

import dev.tollgate.catalog.application.port.in.ListTiersUseCase;
import dev.tollgate.catalog.domain.Tier;
import dev.tollgate.catalog.domain.TierLimits;
import dev.tollgate.tenancy.api.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** PgBeam's price list: Tollgate's self-serve tiers with their limits, read from the system namespace's plans. */
@Controller("/v1/plans")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: analytics")
final class PlansController {
    private final ListTiersUseCase tiers;

    PlansController(ListTiersUseCase tiers) {
        this.tiers = tiers;
    }

    @Serdeable
    record PlanLimitsView(long queries_per_day, int max_projects, int max_databases, int max_connections, int queries_per_second,
                          long bytes_per_month, int max_query_shapes, int included_seats) {
        static PlanLimitsView of(TierLimits l) {
            return new PlanLimitsView(l.queriesPerDay(), l.maxProjects(), l.maxDatabases(), l.maxConnections(), l.queriesPerSecond(),
                    l.bytesPerMonth(), l.maxQueryShapes(), l.includedSeats());
        }
    }

    @Serdeable
    record PlanInfoView(String name, String label, String description, int monthly_price, Integer annual_price, int trial_days,
                        String overage_text, PlanLimitsView limits) {
        static PlanInfoView of(Tier t) {
            return new PlanInfoView(t.name(), t.label(), t.description(), t.monthlyPrice(), t.annualPrice(), t.trialDays(), t.overageText(),
                    PlanLimitsView.of(t.limits()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListPlansResponse(List<PlanInfoView> plans) {
    }

    @Get
    @Operation(operationId = "ListPlans", summary = "List available plans")
    ListPlansResponse list(Caller caller) {
        return new ListPlansResponse(tiers.selfServe(caller).stream().map(PlanInfoView::of).toList());
    }
}
