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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    @Serdeable
    record WorkspaceCapabilities(String plan, CapabilitySet capabilities) {
    }

    @Serdeable
    record CapabilitySet(AiCapability ai, ComputeCapability compute, Capability scheduler, StorageCapability storage, Capability search,
                         Capability billing, Capability advancedRbac, Capability supportTickets, Capability backups) {
    }

    @Serdeable
    record Capability(boolean enabled) {
    }

    @Serdeable
    record AiCapability(boolean enabled, boolean validation, boolean anomalyInsights) {
    }

    @Serdeable
    record ComputeCapability(boolean enabled, boolean orchestrations) {
    }

    @Serdeable
    record StorageCapability(boolean enabled, long maxFileSizeBytes) {
    }

    @Get("/{slug}/capabilities")
    @Operation(summary = "Get workspace feature capabilities based on the current plan")
    WorkspaceCapabilities get(Caller caller, String slug) {
        Capabilities found = capabilities.capabilitiesOf(caller, slug);
        return new WorkspaceCapabilities(found.plan(), new CapabilitySet(
                new AiCapability(on(found, "ai"), on(found, "ai_validation"), on(found, "ai_anomaly_insights")),
                new ComputeCapability(on(found, "compute"), on(found, "compute_orchestrations")),
                new Capability(on(found, "scheduler")),
                new StorageCapability(on(found, "storage"), maxFileSize(found.features().get("storage"))),
                new Capability(on(found, "search")),
                new Capability(on(found, "billing")),
                new Capability(on(found, "advanced_rbac")),
                new Capability(on(found, "support_tickets")),
                new Capability(on(found, "backups"))));
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
