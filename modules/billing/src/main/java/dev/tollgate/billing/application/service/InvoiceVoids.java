package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Voids an issued invoice (OpenMeter answers 501 here; ADR 0033 records what Tollgate does): the invoice becomes
 * {@code voided} with its money unchanged, and each line is either discarded or put back as a pending line to bill
 * again ({@code pending}, on the customer's gathering invoice, invoiced at {@code nextInvoiceAt}). A line is re-billed
 * whole or not at all: {@code percentage} must be 100 for {@code pending} (a partial credit is a credit note, which
 * Tollgate does not issue yet) and is ignored by {@code discard}.
 */
@Singleton
class InvoiceVoids {
    private static final Set<String> ACTIONS = Set.of("discard", "pending");
    private final InvoiceDriver driver;
    private final PendingLineBook book;
    private final InvoiceCustomers customers;
    private final ResolveInvoicingTermsUseCase terms;
    private final Clock clock;

    InvoiceVoids(InvoiceDriver driver, PendingLineBook book, InvoiceCustomers customers, ResolveInvoicingTermsUseCase terms, Clock clock) {
        this.driver = driver;
        this.book = book;
        this.customers = customers;
        this.terms = terms;
        this.clock = clock;
    }

    private record LineAction(boolean rebill, Instant nextInvoiceAt) {
    }

    Invoice voidInvoice(Invoice invoice, Map<String, Object> body) {
        DocumentReader r = new DocumentReader();
        r.text(body, "", "reason", true, 1024);
        Instant now = clock.instant();
        LineAction fallback = action(r, r.object(body, "", "action", true), "action", now);
        Map<UUID, LineAction> overrides = new HashMap<>();
        if (body.get("overrides") != null) {
            List<Map<String, Object>> list = r.objects(body, "", "overrides");
            for (int i = 0; i < list.size(); i++) {
                String at = "overrides/" + i;
                String lineId = r.text(list.get(i), at, "lineId", true, 26);
                UUID id = lineId == null ? null : Ulid.parse(lineId).orElse(null);
                if (lineId != null && (id == null || invoice.lines().stream().noneMatch(l -> l.id().equals(id)))) {
                    r.fail(at + "/lineId", "invoice_discount_invalid_line_reference", "the invoice has no line " + lineId);
                }
                LineAction each = action(r, r.object(list.get(i), at, "action", true), at + "/action", now);
                if (id != null) {
                    overrides.put(id, each);
                }
            }
        }
        r.throwIfFailed();
        Invoice voided = driver.act(invoice, InvoiceTrigger.VOID);
        List<InvoiceLine> rebilled = new ArrayList<>();
        for (InvoiceLine line : invoice.lines()) {
            LineAction action = overrides.getOrDefault(line.id(), fallback);
            if (action != null && action.rebill()) {
                rebilled.add(new InvoiceLine(TypeId.newUuid(), line.name(), line.description(), line.metadata(), "manual", "valid", line.period(),
                        null, action.nextInvoiceAt(), line.rateCard(), null, null, List.of(), null, null, null, null, null, now, now));
            }
        }
        if (!rebilled.isEmpty()) {
            InvoiceCustomer customer = customers.require(invoice.namespace(), invoice.customerId());
            book.add(invoice.namespace(), customer, invoice.currency(), rebilled, terms.termsFor(invoice.namespace(), customer.id()), now);
        }
        return voided;
    }

    private static LineAction action(DocumentReader r, Map<String, Object> action, String path, Instant now) {
        if (action == null) {
            return null;
        }
        BigDecimal percentage = r.number(action, path, "percentage");
        Map<String, Object> what = r.object(action, path, "action", true);
        if (what == null) {
            return null;
        }
        String type = r.oneOf(what, path + "/action", "type", ACTIONS, null);
        if (!"pending".equals(type)) {
            return new LineAction(false, null);
        }
        if (percentage == null || percentage.compareTo(BigDecimal.valueOf(100)) != 0) {
            r.fail(path + "/percentage", "invalid_value",
                    "a voided line is billed again whole: percentage must be 100 for a pending action (use discard to drop it)");
        }
        Instant next = r.time(what, path + "/action", "nextInvoiceAt", false);
        return new LineAction(true, next == null ? now : next);
    }
}
