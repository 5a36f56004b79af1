package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.application.port.in.ProvisionPackagesUseCase;
import dev.tollgate.entitlements.application.port.in.ProvisionPackagesUseCase.Provisioned;
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
import java.util.LinkedHashMap;
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
    HttpResponse<Map<String, Object>> create(Caller caller, @Body Map<String, Object> body) {
        Provisioned p = packages.create(caller, body);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("entitlement_id", p.pkg().id());
        view.put("workspace_id", p.workspace().number());
        view.put("workspace_slug", p.workspace().slug());
        view.put("package", p.pkg().productCode());
        view.put("status", p.status().wireName());
        return HttpResponse.created(view);
    }

    @Get("/{id}")
    @Operation(operationId = "getEntitlement", summary = "Get entitlement details")
    Map<String, Object> get(Caller caller, String id) {
        Provisioned p = packages.get(caller, number(id));
        Map<String, Object> entitlement = new LinkedHashMap<>();
        entitlement.put("id", p.pkg().id());
        entitlement.put("workspace_id", p.workspace().number());
        entitlement.put("workspace_slug", p.workspace().slug());
        entitlement.put("package_code", p.pkg().productCode());
        entitlement.put("package_name", p.pkg().productName());
        entitlement.put("status", p.status().wireName());
        entitlement.put("starts_at", text(p.pkg().startsAt()));
        entitlement.put("expires_at", text(p.pkg().expiresAt()));
        entitlement.put("billing_cycle_anchor", text(p.pkg().billingCycleAnchor()));
        entitlement.put("blesta_service_id", p.pkg().blestaServiceId());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("entitlement", entitlement);
        return view;
    }

    @Post("/{id}/suspend")
    @Operation(operationId = "suspendEntitlement", summary = "Suspend an entitlement")
    Map<String, Object> suspend(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return action(packages.suspend(caller, number(id), reason(OptionalBody.orElse(request, body, Map.of()))));
    }

    @Post("/{id}/unsuspend")
    @Operation(operationId = "unsuspendEntitlement", summary = "Unsuspend an entitlement")
    Map<String, Object> unsuspend(Caller caller, String id) {
        return action(packages.unsuspend(caller, number(id)));
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelEntitlement", summary = "Cancel an entitlement")
    Map<String, Object> cancel(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        return action(packages.cancel(caller, number(id), reason(OptionalBody.orElse(request, body, Map.of()))));
    }

    @Post("/{id}/renew")
    @Operation(operationId = "renewEntitlement", summary = "Renew an entitlement")
    Map<String, Object> renew(Caller caller, String id, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        Provisioned p = packages.renew(caller, number(id), OptionalBody.orElse(request, body, Map.of()));
        Map<String, Object> view = action(p);
        view.put("expires_at", text(p.pkg().expiresAt()));
        return view;
    }

    private static Map<String, Object> action(Provisioned p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("entitlement_id", p.pkg().id());
        view.put("status", p.status().wireName());
        return view;
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

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
