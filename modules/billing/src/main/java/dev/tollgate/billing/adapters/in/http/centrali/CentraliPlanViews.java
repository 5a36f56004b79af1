package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.application.port.in.ManageWorkspacePlanUseCase.PlanChange;
import dev.tollgate.billing.application.port.in.ManageWorkspacePlanUseCase.WorkspacePlan;
import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Centrali's plan shapes over Tollgate's tiers (ADR 0038). The quota names Centrali's resources; Tollgate's nearest
 * limits stand for them: {@code storageMB} is the monthly data-transfer allowance in MiB, {@code computeExecutions}
 * the queries a day, {@code smartQueries} the query shapes cache rules may hold. Unlimited is -1 (Tollgate's 0).
 */
final class CentraliPlanViews {
    private static final long MIB = 1024L * 1024L;

    private CentraliPlanViews() {
    }

    @Serdeable
    record Plan(String currentPlan, List<String> availablePlans, Quota quota) {
    }

    @Serdeable
    record Quota(long storageMB, long computeExecutions, long smartQueries) {
    }

    /** {@code effective}: {@code immediate} (an upgrade) or {@code period_end} (a downgrade waits for the paid period to end). */
    @Serdeable
    record Change(String message, String workspace_slug, String previousPlan, String requestedPlan, String currentPlan, String effective,
                  String effectiveAt) {
    }

    static Plan plan(WorkspacePlan plan) {
        OrganizationLimits l = plan.limits();
        return new Plan(plan.currentPlan(), plan.availablePlans(),
                new Quota(limit(l.bytesPerMonth() / MIB), limit(l.queriesPerDay()), limit(l.maxQueryShapes())));
    }

    static Change change(String slug, PlanChange change) {
        boolean now = change.currentPlan().equals(change.requestedPlan());
        String message = now ? "Workspace is on the " + change.requestedPlan() + " plan"
                : "Workspace moves to the " + change.requestedPlan() + " plan at the end of the billing period";
        return new Change(message, slug, change.previousPlan(), change.requestedPlan(), change.currentPlan(), now ? "immediate" : "period_end",
                change.effectiveAt().toString());
    }

    private static long limit(long tollgate) {
        return tollgate == 0 ? -1 : tollgate;
    }
}
