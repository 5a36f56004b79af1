package dev.tollgate.billing.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.billing.application.port.in.ReadWorkspaceInvoicesUseCase.WorkspaceInvoice;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.LinePeriod;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Centrali's Invoice ({@code def-3}) with every field written, null where Tollgate has no value: {@code id} is the
 * invoice's id on the OpenMeter routes too, {@code amount} its total in {@code currency}, {@code invoice_date} when it
 * was issued, {@code pdf_url} null (Tollgate renders no PDFs). The billed period, number and lines follow.
 */
@Serdeable
record CentraliInvoiceView(String id, String workspace_id, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String number,
                           BigDecimal amount, String currency, String status,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String invoice_date,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String due_date,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String pdf_url,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String period_start,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String period_end, String created_at, List<Line> lines) {
    @Serdeable
    record Line(String name, BigDecimal quantity, BigDecimal amount, String period_start, String period_end) {
    }

    static CentraliInvoiceView of(WorkspaceInvoice shown) {
        Invoice i = shown.invoice();
        LinePeriod period = i.period();
        return new CentraliInvoiceView(Ulid.of(i.id()), shown.workspaceId().toString(), i.number(), i.totals().total(), i.currency(),
                CentraliInvoiceStatus.of(i.state()), text(i.issuedAt()), text(i.dueAt()), null, period == null ? null : text(period.from()),
                period == null ? null : text(period.to()), i.createdAt().toString(), i.lines().stream().map(CentraliInvoiceView::line).toList());
    }

    private static Line line(InvoiceLine l) {
        BigDecimal quantity = l.quantities() == null ? null : l.quantities().quantity();
        BigDecimal amount = l.totals() == null ? BigDecimal.ZERO : l.totals().total();
        return new Line(l.name(), quantity, amount, l.period().from().toString(), l.period().to().toString());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
