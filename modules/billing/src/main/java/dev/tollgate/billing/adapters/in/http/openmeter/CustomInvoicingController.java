package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.application.port.in.SyncCustomInvoicingUseCase;
import dev.tollgate.platform.http.OptionalBody;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** The custom-invoicing app's callbacks from the external invoicing system. */
@Controller("/api/v1/apps/custom-invoicing/{invoiceId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: custom invoicing")
final class CustomInvoicingController {
    private final SyncCustomInvoicingUseCase sync;

    CustomInvoicingController(SyncCustomInvoicingUseCase sync) {
        this.sync = sync;
    }

    @Post("/draft/synchronized")
    @Operation(operationId = "appCustomInvoicingDraftSynchronized", summary = "Submit draft synchronization results")
    HttpResponse<Void> draftSynchronized(Caller caller, String invoiceId, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        sync.draftSynchronized(caller, invoiceId, OptionalBody.orElse(request, body, Map.of()));
        return HttpResponse.noContent();
    }

    @Post("/issuing/synchronized")
    @Operation(operationId = "appCustomInvoicingIssuingSynchronized", summary = "Submit issuing synchronization results")
    HttpResponse<Void> issuingSynchronized(Caller caller, String invoiceId, HttpRequest<?> request, @Nullable @Body Map<String, Object> body) {
        sync.issuingSynchronized(caller, invoiceId, OptionalBody.orElse(request, body, Map.of()));
        return HttpResponse.noContent();
    }

    @Post("/payment/status")
    @Operation(operationId = "appCustomInvoicingUpdatePaymentStatus", summary = "Update payment status")
    HttpResponse<Void> paymentStatus(Caller caller, String invoiceId, @Body Map<String, Object> body) {
        sync.paymentStatus(caller, invoiceId, body);
        return HttpResponse.noContent();
    }
}
