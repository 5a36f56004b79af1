package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.CheckResult;
import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.UsageRecorded;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** php-tenant's cross-app routes: other applications check a person's feature access and record what they used. */
@Controller("/api/v1/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: cross-app entitlements")
final class CrossAppEntitlementsController {
    private final CheckEntitlementsUseCase entitlements;

    CrossAppEntitlementsController(CheckEntitlementsUseCase entitlements) {
        this.entitlements = entitlements;
    }

    @Get("/check")
    @Operation(operationId = "checkEntitlement", summary = "Check feature access")
    CheckResult check(Caller caller, @Nullable @QueryValue String email, @Nullable @QueryValue String feature,
                      @Nullable @QueryValue String quantity) {
        return CheckResult.of(entitlements.check(caller, email, feature, quantity));
    }

    @Post("/usage")
    @Operation(operationId = "recordUsage", summary = "Record feature usage")
    HttpResponse<UsageRecorded> record(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(UsageRecorded.of(entitlements.recordUsage(caller, body)));
    }
}
