package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code /v1/invoices}: create (collecting pending items with {@code pending_invoice_items_behavior=include}),
 * retrieve, update, delete a draft, list, lines, finalize, pay, void, mark uncollectible. Lines and totals are
 * recomputed from the invoice's items ({@link #refresh}); collecting money is {@link InvoicePayments}'.
 */
final class Invoices {
    private final StripeState state;
    private final InvoicePayments payments;

    Invoices(StripeState state, InvoicePayments payments) {
        this.state = state;
        this.payments = payments;
    }

    void routes(Router router) {
        router.on("POST", "/v1/invoices", this::create)
                .on("GET", "/v1/invoices", this::list)
                .on("GET", "/v1/invoices/{id}", c -> Reply.ok(state.invoices.get(c.id(0), "invoice")))
                .on("POST", "/v1/invoices/{id}", this::update)
                .on("DELETE", "/v1/invoices/{id}", this::delete)
                .on("GET", "/v1/invoices/{id}/lines", this::lines)
                .on("POST", "/v1/invoices/{id}/finalize", this::finalizeInvoice)
                .on("POST", "/v1/invoices/{id}/pay", this::pay)
                .on("POST", "/v1/invoices/{id}/void", this::voidInvoice)
                .on("POST", "/v1/invoices/{id}/mark_uncollectible", this::markUncollectible);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("customer", "currency", "description", "metadata", "auto_advance",
                "collection_method", "days_until_due", "due_date", "default_payment_method", "footer",
                "pending_invoice_items_behavior");
        ObjectNode customer = state.customers.get(params.required("customer"), "customer");
        String customerId = customer.get("id").asText();
        String collection = params.oneOf("collection_method", "charge_automatically", "send_invoice");
        collection = collection == null ? "charge_automatically" : collection;
        Long daysUntilDue = params.integer("days_until_due");
        Long dueDate = params.integer("due_date");
        if (collection.equals("send_invoice") && daysUntilDue == null && dueDate == null) {
            throw StripeError.invalid("days_until_due", "Invoices with collection_method=send_invoice need"
                    + " days_until_due or due_date.");
        }
        if (collection.equals("charge_automatically") && (daysUntilDue != null || dueDate != null)) {
            throw StripeError.invalid(daysUntilDue != null ? "days_until_due" : "due_date",
                    "Invoices with collection_method=charge_automatically have no due date.");
        }
        String defaultPm = params.string("default_payment_method");
        if (defaultPm != null) {
            state.paymentMethods.get(defaultPm, "default_payment_method");
        }
        String behavior = params.oneOf("pending_invoice_items_behavior", "include", "exclude");
        long now = state.now();
        ObjectNode invoice = Json.resource(Ids.next("in_"), "invoice", now);
        invoice.put("account_country", "US");
        invoice.put("account_name", "Tollgate fake Stripe");
        invoice.putNull("account_tax_ids");
        invoice.put("amount_due", 0);
        invoice.put("amount_overpaid", 0);
        invoice.put("amount_paid", 0);
        invoice.put("amount_remaining", 0);
        invoice.put("amount_shipping", 0);
        invoice.putNull("application");
        invoice.put("attempt_count", 0);
        invoice.put("attempted", false);
        Boolean autoAdvance = params.bool("auto_advance");
        invoice.put("auto_advance", autoAdvance != null && autoAdvance);
        ObjectNode tax = invoice.putObject("automatic_tax");
        tax.putNull("disabled_reason");
        tax.put("enabled", false);
        tax.putNull("liability");
        tax.putNull("provider");
        tax.putNull("status");
        invoice.putNull("automatically_finalizes_at");
        invoice.put("billing_reason", "manual");
        invoice.put("collection_method", collection);
        invoice.putNull("confirmation_secret");
        invoice.put("currency", InvoiceItems.currency(params, customer));
        invoice.putNull("custom_fields");
        invoice.put("customer", customerId);
        invoice.putNull("customer_address");
        invoice.set("customer_email", customer.get("email").deepCopy());
        invoice.set("customer_name", customer.get("name").deepCopy());
        invoice.set("customer_phone", customer.get("phone").deepCopy());
        invoice.putNull("customer_shipping");
        invoice.put("customer_tax_exempt", "none");
        invoice.putArray("customer_tax_ids");
        invoice.put("default_payment_method", defaultPm);
        invoice.putNull("default_source");
        invoice.putArray("default_tax_rates");
        invoice.put("description", params.string("description"));
        invoice.putArray("discounts");
        if (dueDate != null) {
            invoice.put("due_date", dueDate);
        } else if (daysUntilDue != null) {
            invoice.put("due_date", now + daysUntilDue * 86_400);
        } else {
            invoice.putNull("due_date");
        }
        invoice.putNull("effective_at");
        invoice.putNull("ending_balance");
        invoice.put("footer", params.string("footer"));
        invoice.putNull("from_invoice");
        invoice.putNull("hosted_invoice_url");
        invoice.putNull("invoice_pdf");
        invoice.putObject("issuer").put("type", "self");
        invoice.putNull("last_finalization_error");
        invoice.putNull("latest_revision");
        invoice.putObject("metadata");
        Metadata.apply(invoice, params);
        invoice.putNull("next_payment_attempt");
        invoice.putNull("number");
        invoice.putNull("on_behalf_of");
        invoice.putNull("parent");
        ObjectNode settings = invoice.putObject("payment_settings");
        settings.putNull("default_mandate");
        settings.putNull("payment_method_options");
        settings.putNull("payment_method_types");
        invoice.put("period_end", now);
        invoice.put("period_start", now);
        invoice.put("post_payment_credit_notes_amount", 0);
        invoice.put("pre_payment_credit_notes_amount", 0);
        invoice.putNull("receipt_number");
        invoice.putNull("rendering");
        invoice.putNull("shipping_cost");
        invoice.putNull("shipping_details");
        invoice.put("starting_balance", 0);
        invoice.putNull("statement_descriptor");
        invoice.put("status", "draft");
        ObjectNode transitions = invoice.putObject("status_transitions");
        transitions.putNull("finalized_at");
        transitions.putNull("marked_uncollectible_at");
        transitions.putNull("paid_at");
        transitions.putNull("voided_at");
        invoice.putNull("test_clock");
        invoice.putNull("threshold_reason");
        invoice.putArray("total_discount_amounts");
        invoice.putArray("total_pretax_credit_amounts");
        invoice.putArray("total_taxes");
        invoice.putNull("webhooks_delivered_at");
        state.invoices.put(invoice);
        if ("include".equals(behavior)) {
            String currency = invoice.get("currency").asText();
            for (ObjectNode item : state.invoiceItems.list(i -> customerId.equals(i.get("customer").asText())
                    && i.get("invoice").isNull() && currency.equals(i.get("currency").asText()))) {
                item.put("invoice", invoice.get("id").asText());
            }
        }
        refresh(invoice);
        state.emit("invoice.created", invoice);
        return Reply.ok(invoice);
    }

    /** Recomputes the invoice's lines (one per item, oldest first) and totals. */
    void refresh(ObjectNode invoice) {
        String id = invoice.get("id").asText();
        List<ObjectNode> items = state.invoiceItems.list(i -> id.equals(i.path("invoice").asText(null)));
        java.util.Collections.reverse(items);
        List<ObjectNode> lines = items.stream().map(this::line).toList();
        long subtotal = lines.stream().mapToLong(l -> l.get("amount").asLong()).sum();
        invoice.set("lines", Lists.all(lines, "/v1/invoices/" + id + "/lines"));
        invoice.put("subtotal", subtotal);
        invoice.put("subtotal_excluding_tax", subtotal);
        invoice.put("total", subtotal);
        invoice.put("total_excluding_tax", subtotal);
        invoice.put("amount_due", Math.max(0, subtotal));
        invoice.put("amount_remaining", Math.max(0, subtotal) - invoice.get("amount_paid").asLong());
        if (!items.isEmpty()) {
            invoice.put("period_start", items.stream().mapToLong(i -> i.get("period").get("start").asLong()).min()
                    .getAsLong());
            invoice.put("period_end", items.stream().mapToLong(i -> i.get("period").get("end").asLong()).max()
                    .getAsLong());
        }
    }

    private ObjectNode line(ObjectNode item) {
        ObjectNode line = Json.object();
        line.put("id", "il_" + item.get("id").asText().substring(3));
        line.put("object", "line_item");
        line.set("amount", item.get("amount"));
        line.set("currency", item.get("currency"));
        line.set("description", item.get("description"));
        line.putArray("discount_amounts");
        line.set("discountable", item.get("discountable"));
        line.putArray("discounts");
        line.set("invoice", item.get("invoice"));
        line.put("livemode", false);
        line.set("metadata", item.get("metadata").deepCopy());
        ObjectNode parent = line.putObject("parent");
        ObjectNode details = parent.putObject("invoice_item_details");
        details.set("invoice_item", item.get("id"));
        details.put("proration", false);
        details.putObject("proration_details").putNull("credited_items");
        details.putNull("subscription");
        parent.putNull("subscription_item_details");
        parent.put("type", "invoice_item_details");
        line.set("period", item.get("period").deepCopy());
        line.putArray("pretax_credit_amounts");
        line.putNull("pricing");
        line.set("quantity", item.get("quantity"));
        line.putNull("subscription");
        line.set("subtotal", item.get("amount"));
        line.putArray("taxes");
        return line;
    }

    private Reply update(Call call) {
        Params params = call.params().allow("description", "metadata", "auto_advance", "default_payment_method",
                "footer", "days_until_due", "due_date");
        ObjectNode stored = state.invoices.get(call.id(0), "invoice");
        ObjectNode invoice = stored.deepCopy();
        boolean draft = invoice.get("status").asText().equals("draft");
        for (String field : new String[] {"description", "footer", "default_payment_method", "days_until_due",
                "due_date"}) {
            if (params.has(field) && !draft) {
                throw StripeError.invalid(field, "Finalized invoices can't be updated in this way (" + field + ").");
            }
        }
        for (String field : new String[] {"description", "footer"}) {
            if (params.has(field)) {
                String value = params.string(field);
                invoice.put(field, value.isEmpty() ? null : value);
            }
        }
        if (params.has("default_payment_method")) {
            String pm = params.string("default_payment_method");
            invoice.put("default_payment_method", pm.isEmpty() ? null
                    : state.paymentMethods.get(pm, "default_payment_method").get("id").asText());
        }
        if (params.has("auto_advance")) {
            invoice.put("auto_advance", params.bool("auto_advance"));
        }
        Metadata.apply(invoice, params);
        state.invoices.put(invoice);
        ObjectNode changes = StripeState.changes(stored, invoice);
        if (!changes.isEmpty()) {
            state.emit("invoice.updated", invoice, changes);
        }
        return Reply.ok(invoice);
    }

    private Reply delete(Call call) {
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        if (!invoice.get("status").asText().equals("draft")) {
            throw StripeError.state(null, "You can only delete draft invoices.");
        }
        String id = invoice.get("id").asText();
        for (ObjectNode item : state.invoiceItems.list(i -> id.equals(i.path("invoice").asText(null)))) {
            item.putNull("invoice");
        }
        state.invoices.remove(id);
        state.emit("invoice.deleted", invoice);
        ObjectNode deleted = Json.object();
        deleted.put("id", id);
        deleted.put("object", "invoice");
        deleted.put("deleted", true);
        return Reply.ok(deleted);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("customer", "status", "collection_method", "limit", "starting_after",
                "ending_before", "created", "due_date", "subscription");
        String customer = params.string("customer");
        String status = params.oneOf("status", "draft", "open", "paid", "uncollectible", "void");
        return Reply.ok(Lists.page(state.invoices.list(i ->
                        (customer == null || customer.equals(i.get("customer").asText()))
                                && (status == null || status.equals(i.get("status").asText()))),
                params, "/v1/invoices"));
    }

    private Reply lines(Call call) {
        Params params = call.params().allow("limit", "starting_after", "ending_before");
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        List<ObjectNode> lines = new java.util.ArrayList<>();
        invoice.get("lines").get("data").forEach(l -> lines.add((ObjectNode) l));
        return Reply.ok(Lists.page(lines, params, "/v1/invoices/" + call.id(0) + "/lines"));
    }

    private Reply finalizeInvoice(Call call) {
        Params params = call.params().allow("auto_advance");
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        if (params.has("auto_advance")) {
            invoice.put("auto_advance", params.bool("auto_advance"));
        }
        finalizeDraft(invoice);
        return Reply.ok(invoice);
    }

    /** draft → open, numbered ({@code invoice.finalized}); an invoice owing nothing is paid at once. */
    void finalizeDraft(ObjectNode invoice) {
        String status = invoice.get("status").asText();
        if (!status.equals("draft")) {
            throw StripeError.state("invoice_not_editable", "This invoice is already finalized, you can't re-finalize"
                    + " a non-draft invoice.");
        }
        ObjectNode customer = state.customers.get(invoice.get("customer").asText(), "customer");
        long sequence = customer.get("next_invoice_sequence").asLong();
        customer.put("next_invoice_sequence", sequence + 1);
        long now = state.now();
        String id = invoice.get("id").asText();
        invoice.put("number", customer.get("invoice_prefix").asText() + "-" + String.format("%04d", sequence));
        invoice.put("status", "open");
        invoice.put("effective_at", now);
        invoice.put("ending_balance", 0);
        invoice.put("hosted_invoice_url", state.baseUrl + "/_fake/invoices/" + id);
        invoice.put("invoice_pdf", state.baseUrl + "/_fake/invoices/" + id + "/pdf");
        ((ObjectNode) invoice.get("status_transitions")).put("finalized_at", now);
        invoice.put("webhooks_delivered_at", now);
        state.emit("invoice.finalized", invoice);
        if (invoice.get("amount_due").asLong() == 0) {
            payments.markPaid(invoice);
        } else if (invoice.get("auto_advance").asBoolean(false) && "charge_automatically".equals(invoice.path("collection_method").asText())) {
            collect(invoice);
        }
    }

    /**
     * Stripe's automatic collection of an auto-advancing invoice, at once where Stripe waits about an hour: the
     * customer's default payment method is charged ({@code invoice.paid}); a declined or missing card leaves the invoice
     * open with {@code invoice.payment_failed} announced, and the finalization itself still succeeds.
     */
    private void collect(ObjectNode invoice) {
        try {
            payments.pay(invoice, null, false);
        } catch (StripeError declined) {
            // announced as invoice.payment_failed by the attempt; Stripe would retry on its schedule
        }
    }

    private Reply pay(Call call) {
        Params params = call.params().allow("payment_method", "paid_out_of_band", "off_session", "forgive",
                "source", "mandate");
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        if (invoice.get("status").asText().equals("draft")) {
            finalizeDraft(invoice);
        }
        payments.pay(invoice, params.string("payment_method"), Boolean.TRUE.equals(params.bool("paid_out_of_band")));
        return Reply.ok(invoice);
    }

    private Reply voidInvoice(Call call) {
        call.params().allow();
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        String status = invoice.get("status").asText();
        if (!status.equals("open") && !status.equals("uncollectible")) {
            throw StripeError.state(null, "You can only pass in open or uncollectible invoices; this one is "
                    + status + ".");
        }
        invoice.put("status", "void");
        ((ObjectNode) invoice.get("status_transitions")).put("voided_at", state.now());
        state.emit("invoice.voided", invoice);
        return Reply.ok(invoice);
    }

    private Reply markUncollectible(Call call) {
        call.params().allow();
        ObjectNode invoice = state.invoices.get(call.id(0), "invoice");
        if (!invoice.get("status").asText().equals("open")) {
            throw StripeError.state(null, "You can only mark open invoices uncollectible.");
        }
        invoice.put("status", "uncollectible");
        ((ObjectNode) invoice.get("status_transitions")).put("marked_uncollectible_at", state.now());
        state.emit("invoice.marked_uncollectible", invoice);
        return Reply.ok(invoice);
    }
}
