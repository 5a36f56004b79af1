package dev.tollgate.tenancy.adapters.in.http.pgbeam;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.DeleteOrganizationResourcesUseCase;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * PgBeam's DeleteOrganizationResources (internal: the {@code X-Internal-Secret} operator only, checked by the filter
 * before the id is read). Always 204 for a well-formed id: the document has no 404, and a repeated call is a no-op.
 */
@Controller("/v1/internal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: account")
final class OrganizationResourcesController {
    private final DeleteOrganizationResourcesUseCase deletion;

    OrganizationResourcesController(DeleteOrganizationResourcesUseCase deletion) {
        this.deletion = deletion;
    }

    @Delete("/organizations/{org_id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "DeleteOrganizationResources", summary = "Delete organization resources")
    void delete(Caller caller, String org_id) {
        deletion.delete(caller, org_id);
    }
}
