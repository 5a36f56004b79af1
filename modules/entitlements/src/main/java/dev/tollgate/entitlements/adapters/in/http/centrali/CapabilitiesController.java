package dev.tollgate.entitlements.adapters.in.http.centrali;

import dev.tollgate.entitlements.application.port.in.WorkspaceCapabilitiesUseCase;
import dev.tollgate.entitlements.application.port.in.WorkspaceCapabilitiesUseCase.Access;
import dev.tollgate.entitlements.application.port.in.WorkspaceCapabilitiesUseCase.Capabilities;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Centrali's capabilities of a workspace, read from its entitlements: a capability is enabled while the workspace
 * has a live entitlement granting access to the feature of that name (snake_case keys: {@code ai},
 * {@code ai_validation}, {@code ai_anomaly_insights}, {@code compute}, {@code compute_orchestrations},
 * {@code scheduler}, {@code storage}, {@code search}, {@code billing}, {@code advanced_rbac}, {@code support_tickets},
 * {@code backups}). The storage entitlement's configuration may carry {@code maxFileSizeBytes}.
 */
@Controller("/workspace/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: workspaces")
final class CapabilitiesController {
    private final WorkspaceCapabilitiesUseCase capabilities;
    private final JsonSyntax json;

    CapabilitiesController(WorkspaceCapabilitiesUseCase capabilities, JsonSyntax json) {
        this.capabilities = capabilities;
        this.json = json;
    }

    @Get("/{slug}/capabilities")
    @Operation(summary = "Get workspace feature capabilities based on the current plan")
    Map<String, Object> get(Caller caller, String slug) {
        Capabilities found = capabilities.capabilitiesOf(caller, slug);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ai", Map.of("enabled", on(found, "ai"), "validation", on(found, "ai_validation"),
                "anomalyInsights", on(found, "ai_anomaly_insights")));
        out.put("compute", Map.of("enabled", on(found, "compute"), "orchestrations", on(found, "compute_orchestrations")));
        out.put("scheduler", Map.of("enabled", on(found, "scheduler")));
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("enabled", on(found, "storage"));
        storage.put("maxFileSizeBytes", maxFileSize(found.features().get("storage")));
        out.put("storage", storage);
        out.put("search", Map.of("enabled", on(found, "search")));
        out.put("billing", Map.of("enabled", on(found, "billing")));
        out.put("advancedRbac", Map.of("enabled", on(found, "advanced_rbac")));
        out.put("supportTickets", Map.of("enabled", on(found, "support_tickets")));
        out.put("backups", Map.of("enabled", on(found, "backups")));
        return Map.of("plan", found.plan(), "capabilities", out);
    }

    private static boolean on(Capabilities found, String feature) {
        Access access = found.features().get(feature);
        return access != null && access.enabled();
    }

    private long maxFileSize(Access storage) {
        if (storage == null || !storage.enabled() || storage.config() == null) {
            return 0;
        }
        Object value = json.parseObject(storage.config()).orElse(Map.of()).get("maxFileSizeBytes");
        return value instanceof Number n ? n.longValue() : 0;
    }
}
