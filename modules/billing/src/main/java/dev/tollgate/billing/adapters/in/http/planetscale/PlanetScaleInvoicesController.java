package dev.tollgate.billing.adapters.in.http.planetscale;

import dev.tollgate.billing.application.port.in.ReadWorkspaceInvoicesUseCase;
import dev.tollgate.billing.application.port.in.ReadWorkspaceInvoicesUseCase.WorkspaceInvoice;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PlanetScale's invoices of an organization: the bills of its customer in the system namespace, the same the Centrali
 * workspace routes list (ADR 0038, ADR 0041). Not paginated, as PlanetScale documents it.
 */
@Controller("/v1/organizations/{organization}/invoices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: billing")
final class PlanetScaleInvoicesController {
    private final ReadWorkspaceInvoicesUseCase invoices;

    PlanetScaleInvoicesController(ReadWorkspaceInvoicesUseCase invoices) {
        this.invoices = invoices;
    }

    /** {@code total} in cents (PlanetScale's unit), the period as UTC dates of its lines' span. */
    @Serdeable
    record InvoiceView(String id, @Nullable String period_start, @Nullable String period_end, BigDecimal total, String currency, String status,
                       String created_at) {
        static InvoiceView of(WorkspaceInvoice shown) {
            Invoice i = shown.invoice();
            LinePeriod period = i.period();
            return new InvoiceView(Ulid.of(i.id()), period == null ? null : date(period.from()), period == null ? null : date(period.to()),
                    i.totals().total().movePointRight(2).stripTrailingZeros(), i.currency(), statusOf(i.state()), i.createdAt().toString());
        }

        private static String date(java.time.Instant t) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
        }
    }

    @Serdeable
    record InvoiceList(List<InvoiceView> data) {
    }

    /**
     * PlanetScale's four statuses over Tollgate's states: not yet issued is {@code draft}; issued and unsettled
     * {@code open}; {@code paid}; voided, and uncollectible (no longer expected to be paid), {@code void}.
     */
    static String statusOf(InvoiceState state) {
        return switch (state) {
            case PAID -> "paid";
            case VOIDED, UNCOLLECTIBLE -> "void";
            case ISSUED, PAYMENT_PENDING, PAYMENT_FAILED, PAYMENT_ACTION_REQUIRED, OVERDUE -> "open";
            default -> "draft";
        };
    }

    @Get
    @Operation(operationId = "listInvoices", summary = "List invoices")
    InvoiceList list(Caller caller, String organization) {
        return new InvoiceList(invoices.listOfOrganization(caller, organization).stream().map(InvoiceView::of).toList());
    }
}
