package dev.tollgate.billing.application.port.in;

import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's Tollgate tier seen and changed by its own people: any member may read it; changing it is billing
 * (admins, billing.write keys). Only the self-serve tiers may be chosen; enterprise terms are set by Tollgate staff.
 */
public interface ManageWorkspacePlanUseCase {
    WorkspacePlan plan(Caller caller, String workspaceSlug);

    /**
     * Moves the workspace to {@code newPlan} through its tier subscription: an upgrade now (the period prorated), a
     * downgrade at the end of the billing period. Asking for the tier in force drops a pending downgrade.
     */
    PlanChange change(Caller caller, String workspaceSlug, String newPlan);

    /** @param limits the limits in force now (0 = unlimited) */
    record WorkspacePlan(String currentPlan, List<String> availablePlans, OrganizationLimits limits) {
    }

    /** @param currentPlan the tier in force after the request; {@code effectiveAt} when {@code requestedPlan} takes over */
    record PlanChange(String previousPlan, String requestedPlan, String currentPlan, Instant effectiveAt) {
    }
}
