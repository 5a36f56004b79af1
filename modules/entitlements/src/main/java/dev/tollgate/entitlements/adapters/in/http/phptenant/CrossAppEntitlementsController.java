package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase.Checked;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase.Recorded;
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
import java.util.LinkedHashMap;
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
    Map<String, Object> check(Caller caller, @Nullable @QueryValue String email, @Nullable @QueryValue String feature,
                              @Nullable @QueryValue String quantity) {
        Checked checked = entitlements.check(caller, email, feature, quantity);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("allowed", checked.allowed());
        view.put("limit", checked.allowance().limit());
        view.put("used", checked.allowance().used());
        view.put("remaining", checked.allowance().remaining());
        view.put("unlimited", checked.allowance().unlimited());
        view.put("usage_percentage", checked.allowance().percentage());
        view.put("feature_code", checked.featureKey());
        view.put("workspace_id", checked.workspace().number());
        return view;
    }

    @Post("/usage")
    @Operation(operationId = "recordUsage", summary = "Record feature usage")
    HttpResponse<Map<String, Object>> record(Caller caller, @Body Map<String, Object> body) {
        Recorded recorded = entitlements.recordUsage(caller, body);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("usage_record_id", recorded.id());
        view.put("feature_code", recorded.featureKey());
        view.put("quantity", recorded.quantity());
        return HttpResponse.created(view);
    }
}
