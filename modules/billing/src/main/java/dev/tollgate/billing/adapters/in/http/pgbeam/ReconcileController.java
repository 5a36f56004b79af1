package dev.tollgate.billing.adapters.in.http.pgbeam;

import dev.tollgate.billing.application.port.in.ReconcileBillingUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PgBeam's TriggerReconcile (internal: the {@code X-Internal-Secret} operator only); no body, whatever the Content-Type. */
@Controller("/v1/internal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: billing")
final class ReconcileController {
    private final ReconcileBillingUseCase reconciliation;

    ReconcileController(ReconcileBillingUseCase reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** {@code completed}: every check ran (a run Stripe interrupts is a 503 instead). */
    @Serdeable
    record ReconcileResponse(String status, int orgs_checked, int orgs_updated) {
    }

    @Post("/reconcile")
    @Operation(operationId = "TriggerReconcile", summary = "Trigger on-demand Stripe reconciliation")
    ReconcileResponse reconcile(Caller caller) {
        ReconcileBillingUseCase.Reconciliation done = reconciliation.reconcile(caller);
        return new ReconcileResponse("completed", done.organizationsChecked(), done.organizationsUpdated());
    }
}
