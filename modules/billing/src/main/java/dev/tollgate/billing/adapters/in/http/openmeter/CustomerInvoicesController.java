package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.application.port.in.CreatePendingLinesUseCase;
import dev.tollgate.billing.application.port.in.CreatePendingLinesUseCase.PendingLinesCreated;
import dev.tollgate.billing.application.port.in.SimulateInvoiceUseCase;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;

/** A customer's pending invoice lines and invoice simulations. */
@Controller("/api/v1/billing/customers/{customerId}/invoices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: invoices")
final class CustomerInvoicesController {
    private final CreatePendingLinesUseCase pendingLines;
    private final SimulateInvoiceUseCase simulation;

    CustomerInvoicesController(CreatePendingLinesUseCase pendingLines, SimulateInvoiceUseCase simulation) {
        this.pendingLines = pendingLines;
        this.simulation = simulation;
    }

    @Post("/pending-lines")
    @Operation(operationId = "createPendingInvoiceLine", summary = "Create pending line items")
    HttpResponse<Map<String, Object>> createPendingLines(Caller caller, String customerId, @Body Map<String, Object> body) {
        PendingLinesCreated created = pendingLines.createPendingLines(caller, customerId, body);
        Invoice invoice = created.invoice().invoice();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lines", created.lines().stream().map(line -> InvoiceViews.line(invoice, line, invoice.precision())).toList());
        out.put("invoice", InvoiceViews.invoice(created.invoice(), true));
        out.put("isInvoiceNew", created.invoiceNew());
        return HttpResponse.created(out);
    }

    @Post("/simulate")
    @Operation(operationId = "simulateInvoice", summary = "Simulate an invoice for a customer")
    Map<String, Object> simulate(Caller caller, String customerId, @Body Map<String, Object> body) {
        return InvoiceViews.invoice(simulation.simulate(caller, customerId, body), true);
    }
}
