package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.application.port.in.ManageWorkspacePlanUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Centrali's plan of a workspace: its Tollgate tier, and a change of it through the tier subscription (ADR 0038). */
@Controller("/workspace/api/v1/{slug}/plan")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: plans")
final class CentraliPlanController {
    private final ManageWorkspacePlanUseCase plans;

    CentraliPlanController(ManageWorkspacePlanUseCase plans) {
        this.plans = plans;
    }

    @Get
    @Operation(summary = "Get current plan information")
    CentraliPlanViews.Plan get(Caller caller, String slug) {
        return CentraliPlanViews.plan(plans.plan(caller, slug));
    }

    /** No body: the plan is in the path. Whatever a client declares or sends along is ignored. */
    @Patch(value = "/{newPlan}", consumes = MediaType.ALL)
    @Operation(summary = "Update workspace plan")
    CentraliPlanViews.Change change(Caller caller, String slug, String newPlan) {
        return CentraliPlanViews.change(slug, plans.change(caller, slug, newPlan));
    }
}
