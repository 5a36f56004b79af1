package dev.tollgate.tenancy.adapters.in.http.centrali;

import dev.tollgate.platform.http.OptionalBody;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ProvisionWorkspacesUseCase;
import dev.tollgate.tenancy.application.port.in.ProvisionWorkspacesUseCase.Status;
import dev.tollgate.tenancy.domain.ProvisioningStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Centrali's provisioning status of a workspace: each service's state (pending, provisioning, ready, failed) and the
 * whole; a failed service is retried by name (or every failed one without a body), at once, by an admin.
 */
@Controller("/workspace/api/v1/{slug}/provision-status")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: workspaces")
final class CentraliProvisioningController {
    private final ProvisionWorkspacesUseCase provisioning;

    CentraliProvisioningController(ProvisionWorkspacesUseCase provisioning) {
        this.provisioning = provisioning;
    }

    @Serdeable
    record ProvisionStatus(String workspace_slug, String status, Map<String, String> services, String updated_at) {
        static ProvisionStatus of(Status s) {
            Map<String, String> services = new LinkedHashMap<>();
            s.steps().forEach(step -> services.put(step.service(), step.status().wire()));
            return new ProvisionStatus(s.workspaceSlug(), s.overall().wire(), services, s.updatedAt().toString());
        }
    }

    @Serdeable
    record RetryRequest(@Nullable String service) {
    }

    @Serdeable
    record RetryResponse(String message, String workspace_slug, String service, String status) {
    }

    @Get
    @Operation(summary = "Get workspace provisioning status")
    ProvisionStatus status(Caller caller, String slug) {
        return ProvisionStatus.of(provisioning.status(caller, slug));
    }

    /** {@code status} is the retried service's (or, for all, the workspace's) state once the retry has run. */
    @Post("/retry")
    @Operation(summary = "Retry provisioning a failed service")
    RetryResponse retry(Caller caller, String slug, HttpRequest<?> request, @Nullable @Body RetryRequest body) {
        String service = OptionalBody.orElse(request, body, new RetryRequest(null)).service();
        Status after = provisioning.retry(caller, slug, service == null || service.isBlank() ? null : service);
        if (service == null || service.isBlank()) {
            return new RetryResponse("Retried every failed service", after.workspaceSlug(), "all", after.overall().wire());
        }
        String state = after.steps().stream().filter(s -> s.service().equals(service)).map(ProvisioningStep::status)
                .map(ProvisioningStep.Status::wire).findFirst().orElse(after.overall().wire());
        return new RetryResponse("Retried " + service, after.workspaceSlug(), service, state);
    }
}
