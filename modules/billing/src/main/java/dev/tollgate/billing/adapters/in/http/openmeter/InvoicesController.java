package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase;
import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase.Action;
import dev.tollgate.billing.application.port.in.InvoicePendingLinesUseCase;
import dev.tollgate.billing.application.port.in.ReadInvoicesUseCase;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** OpenMeter's invoices: listing, reading, editing, deleting, invoicing pending lines, and the workflow's actions. */
@Controller("/api/v1/billing/invoices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: invoices")
final class InvoicesController {
    private final ReadInvoicesUseCase reads;
    private final ChangeInvoiceUseCase changes;
    private final InvoicePendingLinesUseCase invoicing;

    InvoicesController(ReadInvoicesUseCase reads, ChangeInvoiceUseCase changes, InvoicePendingLinesUseCase invoicing) {
        this.reads = reads;
        this.changes = changes;
        this.invoicing = invoicing;
    }

    @Get
    @Operation(operationId = "listInvoices", summary = "List invoices")
    OpenMeterPage<Map<String, Object>> list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue Integer page,
                                            @Nullable @QueryValue Integer pageSize) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        boolean lines = InvoiceQuery.lines(request.getParameters(), false);
        return Paging.openmeterPage(reads.list(caller, InvoiceQuery.filter(request.getParameters()), pages, lines), pages.limit(),
                shown -> InvoiceViews.invoice(shown, lines));
    }

    @Post("/invoice")
    @Operation(operationId = "invoicePendingLinesAction", summary = "Invoice a customer based on the pending line items")
    HttpResponse<List<Map<String, Object>>> invoicePendingLines(Caller caller, @Body Map<String, Object> body) {
        return HttpResponse.created(invoicing.invoicePendingLines(caller, body).stream().map(shown -> InvoiceViews.invoice(shown, true)).toList());
    }

    @Get("/{invoiceId}")
    @Operation(operationId = "getInvoice", summary = "Get an invoice")
    Map<String, Object> get(Caller caller, String invoiceId, HttpRequest<?> request) {
        return InvoiceViews.invoice(reads.get(caller, invoiceId), InvoiceQuery.lines(request.getParameters(), true));
    }

    @Put("/{invoiceId}")
    @Operation(operationId = "updateInvoice", summary = "Update an invoice")
    Map<String, Object> update(Caller caller, String invoiceId, @Body Map<String, Object> body) {
        return InvoiceViews.invoice(changes.update(caller, invoiceId, body), true);
    }

    @Delete("/{invoiceId}")
    @Operation(operationId = "deleteInvoice", summary = "Delete an invoice")
    HttpResponse<Void> delete(Caller caller, String invoiceId) {
        changes.delete(caller, invoiceId);
        return HttpResponse.noContent();
    }

    @Post("/{invoiceId}/advance")
    @Operation(operationId = "advanceInvoiceAction", summary = "Advance the invoice's state to the next status")
    Map<String, Object> advance(Caller caller, String invoiceId) {
        return act(caller, invoiceId, Action.ADVANCE, Map.of());
    }

    @Post("/{invoiceId}/approve")
    @Operation(operationId = "approveInvoiceAction", summary = "Send the invoice to the customer")
    Map<String, Object> approve(Caller caller, String invoiceId) {
        return act(caller, invoiceId, Action.APPROVE, Map.of());
    }

    @Post("/{invoiceId}/retry")
    @Operation(operationId = "retryInvoiceAction", summary = "Retry advancing the invoice after a failed attempt")
    Map<String, Object> retry(Caller caller, String invoiceId) {
        return act(caller, invoiceId, Action.RETRY, Map.of());
    }

    @Post("/{invoiceId}/snapshot-quantities")
    @Operation(operationId = "snapshotQuantitiesInvoiceAction", summary = "Snapshot quantities for usage based line items")
    Map<String, Object> snapshotQuantities(Caller caller, String invoiceId) {
        return act(caller, invoiceId, Action.SNAPSHOT_QUANTITIES, Map.of());
    }

    @Post("/{invoiceId}/taxes/recalculate")
    @Operation(operationId = "recalculateInvoiceTaxAction", summary = "Recalculate an invoice's tax amounts")
    Map<String, Object> recalculateTaxes(Caller caller, String invoiceId) {
        return act(caller, invoiceId, Action.RECALCULATE_TAXES, Map.of());
    }

    @Post("/{invoiceId}/void")
    @Operation(operationId = "voidInvoiceAction", summary = "Void an invoice")
    Map<String, Object> voidInvoice(Caller caller, String invoiceId, @Body Map<String, Object> body) {
        return act(caller, invoiceId, Action.VOID, body);
    }

    private Map<String, Object> act(Caller caller, String invoiceId, Action action, Map<String, Object> body) {
        return InvoiceViews.invoice(changes.act(caller, invoiceId, action, body), true);
    }
}
