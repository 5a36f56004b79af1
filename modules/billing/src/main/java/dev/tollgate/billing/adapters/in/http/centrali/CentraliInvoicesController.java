package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.application.port.in.ReadWorkspaceInvoicesUseCase;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Centrali's invoices of a workspace: its organization's bills from Tollgate's billing engine (ADR 0038). */
@Controller("/workspace/api/v1/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: invoices")
final class CentraliInvoicesController {
    private final ReadWorkspaceInvoicesUseCase invoices;

    CentraliInvoicesController(ReadWorkspaceInvoicesUseCase invoices) {
        this.invoices = invoices;
    }

    @Get("/invoices")
    @Operation(summary = "List all invoices")
    List<CentraliInvoiceView> list(Caller caller, String slug, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer limit,
                                   @Nullable @QueryValue String status) {
        return invoices.list(caller, slug, CentraliInvoiceStatus.statesOf(status), Paging.centrali(page, limit)).stream()
                .map(CentraliInvoiceView::of).toList();
    }

    @Get("/invoice/{invoiceId}")
    @Operation(summary = "Get a specific invoice")
    CentraliInvoiceView get(Caller caller, String slug, String invoiceId) {
        return CentraliInvoiceView.of(invoices.get(caller, slug, invoiceId));
    }
}
