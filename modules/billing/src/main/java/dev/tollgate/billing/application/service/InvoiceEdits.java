package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.service.InvoiceLineInputs.LineInput;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceWorkflow;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies OpenMeter's InvoiceReplaceUpdate to an invoice: description and metadata, the supplier and customer
 * snapshots, the invoicing and payment settings of its workflow, and its lines — a listed id keeps its line (and the
 * ids of its detailed lines), a line without id is new, and a line left out is removed.
 */
@Singleton
class InvoiceEdits {
    private static final Set<String> COLLECTION_METHODS = Set.of("charge_automatically", "send_invoice");
    private final InvoiceLineInputs inputs;

    InvoiceEdits(InvoiceLineInputs inputs) {
        this.inputs = inputs;
    }

    @SuppressWarnings("unchecked")
    Invoice apply(Invoice invoice, Map<String, Object> body, Instant now) {
        DocumentReader r = new DocumentReader();
        String description = r.text(body, "", "description", false, 1024);
        Map<String, String> metadata = r.metadata(body, "");
        Map<String, Object> supplier = r.object(body, "", "supplier", true);
        Map<String, Object> customer = r.object(body, "", "customer", true);
        Map<String, Object> workflowSettings = r.object(body, "", "workflow", true);
        InvoicingTerms terms = invoice.terms();
        if (workflowSettings != null) {
            Map<String, Object> workflow = r.object(workflowSettings, "workflow", "workflow", true);
            if (workflow != null) {
                terms = editedTerms(r, workflow, terms);
            }
        }
        List<LineInput> lineInputs = inputs.read(r, body, false, true);
        Map<UUID, InvoiceLine> existing = new HashMap<>();
        invoice.lines().forEach(line -> existing.put(line.id(), line));
        for (int i = 0; i < lineInputs.size(); i++) {
            UUID id = lineInputs.get(i).id();
            if (id != null && !existing.containsKey(id)) {
                r.fail("lines/" + i + "/id", "invoice_discount_invalid_line_reference", "the invoice has no line " + Ulid.of(id));
            }
        }
        r.throwIfFailed();
        List<InvoiceLine> lines = new ArrayList<>();
        for (LineInput input : lineInputs) {
            InvoiceLine before = input.id() == null ? null : existing.get(input.id());
            if (before == null) {
                lines.add(input.toLine(TypeId.newUuid(), now));
            } else {
                lines.add(new InvoiceLine(before.id(), input.name(), input.description(), input.metadata(), before.managedBy(), before.status(),
                        input.period(), before.splitGroupId() == null ? input.period() : before.servicePeriod(), input.invoiceAt(),
                        input.rateCard(), before.splitGroupId(), null, before.children(), before.usageDiscount(),
                        before.usageDiscountId(), before.totals(), before.subscription(), before.childUniqueReferenceId(), before.createdAt(), now));
            }
        }
        Map<String, Object> newCustomer = new LinkedHashMap<>(customer);
        for (String kept : List.of("id", "key", "usageAttribution")) {
            if (invoice.customer().containsKey(kept)) {
                newCustomer.put(kept, invoice.customer().get(kept));
            }
        }
        return invoice.edited(description, metadata, supplier, newCustomer, terms, now).withLines(lines, now);
    }

    @SuppressWarnings("unchecked")
    private static InvoicingTerms editedTerms(DocumentReader r, Map<String, Object> workflow, InvoicingTerms terms) {
        Map<String, Object> invoicing = r.object(workflow, "workflow/workflow", "invoicing", true);
        Map<String, Object> payment = r.object(workflow, "workflow/workflow", "payment", true);
        if (invoicing == null || payment == null) {
            return terms;
        }
        String at = "workflow/workflow/invoicing";
        boolean autoAdvance = r.bool(invoicing, at, "autoAdvance", terms.autoAdvance());
        IsoDuration draftPeriod = invoicing.get("draftPeriod") == null ? terms.draftPeriod() : r.duration(invoicing, at, "draftPeriod", false);
        IsoDuration dueAfter = invoicing.get("dueAfter") == null ? terms.dueAfter() : r.duration(invoicing, at, "dueAfter", false);
        Map<String, Object> tax = invoicing.containsKey("defaultTaxConfig") ? r.object(invoicing, at, "defaultTaxConfig", false)
                : terms.defaultTaxConfig();
        String method = payment.get("collectionMethod") == null ? terms.collectionMethod()
                : r.oneOf(payment, "workflow/workflow/payment", "collectionMethod", COLLECTION_METHODS, terms.collectionMethod());
        return InvoiceWorkflow.edited(terms, autoAdvance, draftPeriod == null ? terms.draftPeriod() : draftPeriod,
                dueAfter == null ? terms.dueAfter() : dueAfter, tax, method == null ? terms.collectionMethod() : method);
    }
}
