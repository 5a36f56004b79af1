package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.EntitlementAction;
import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.EntitlementDetails;
import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.EntitlementRenewed;
import dev.tollgate.entitlements.adapters.in.http.phptenant.PhpTenantViews.ProvisionedEntitlement;
import dev.tollgate.entitlements.application.port.in.ProvisionPackagesUseCase;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.platform.http.OptionalBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** php-tenant's provisioning API for billing partners (Blesta): API key with entitlements.write, 60 requests/min per key. */
@Controller("/api/provisioning/entitlements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: entitlement provisioning")
final class ProvisioningController {
    private final ProvisionPackagesUseCase packages;

    ProvisioningController(ProvisionPackagesUseCase packages) {
        this.packages = packages;
    }

    @Post
    @Operation(operationId = "createEntitlement", summary = "Create an entitlement")
    HttpResponse<ProvisionedEntitlement> create(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(ProvisionedEntitlement.of(packages.create(caller, body)));
    }

    @Get("/{id}")
    @Operation(operationId = "getEntitlement", summary = "Get entitlement details")
    EntitlementDetails get(Caller caller, String id) {
        return EntitlementDetails.of(packages.get(caller, number(id)));
    }

    @Post("/{id}/suspend")
    @Operation(operationId = "suspendEntitlement", summary = "Suspend an entitlement")
    EntitlementAction suspend(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return EntitlementAction.of(packages.suspend(caller, number(id), reason(OptionalBody.orElse(request, body, Map.of()))));
    }

    @Post("/{id}/unsuspend")
    @Operation(operationId = "unsuspendEntitlement", summary = "Unsuspend an entitlement")
    EntitlementAction unsuspend(Caller caller, String id) {
        return EntitlementAction.of(packages.unsuspend(caller, number(id)));
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelEntitlement", summary = "Cancel an entitlement")
    EntitlementAction cancel(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return EntitlementAction.of(packages.cancel(caller, number(id), reason(OptionalBody.orElse(request, body, Map.of()))));
    }

    @Post("/{id}/renew")
    @Operation(operationId = "renewEntitlement", summary = "Renew an entitlement")
    EntitlementRenewed renew(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return EntitlementRenewed.of(packages.renew(caller, number(id), OptionalBody.orElse(request, body, Map.of())));
    }

    private static String reason(Map<String, Object> body) {
        if (body == null) {
            return null;
        }
        DocumentReader r = new DocumentReader();
        String reason = r.text(body, "", "reason", false, 1000);
        r.throwIfFailed();
        return reason;
    }

    /** php-tenant ids are integers; anything else names no entitlement. */
    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            throw new NotFoundException("Entitlement not found.");
        }
    }
}
