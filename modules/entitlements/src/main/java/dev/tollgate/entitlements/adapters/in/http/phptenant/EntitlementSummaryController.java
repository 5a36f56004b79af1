package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.EntitlementSummary;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** php-tenant's entitlement summaries for the signed-in user: packages, feature usage by category, boosts. */
@Controller("/api/entitlements/summary")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: entitlement summaries")
final class EntitlementSummaryController {
    private final SummarizeEntitlementsUseCase summaries;

    EntitlementSummaryController(SummarizeEntitlementsUseCase summaries) {
        this.summaries = summaries;
    }

    @Get
    @Operation(operationId = "myEntitlementSummary", summary = "Get my entitlement summary")
    EntitlementSummary mine(Caller caller) {
        return EntitlementSummary.of(summaries.summary(caller, null));
    }

    @Get("/{workspace}")
    @Operation(operationId = "workspaceEntitlementSummary", summary = "Get workspace entitlement summary")
    EntitlementSummary ofWorkspace(Caller caller, String workspace) {
        long number;
        try {
            number = Long.parseLong(workspace);
        } catch (NumberFormatException notANumber) {
            throw new NotFoundException("Not found"); // php-tenant workspace ids are integers
        }
        return EntitlementSummary.of(summaries.summary(caller, number));
    }
}
