package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * {@code /v1/invoiceitems}: amounts owed by a customer. An item is pending until an invoice collects it (created
 * with {@code invoice=in_…} on a draft, or gathered by {@code pending_invoice_items_behavior=include}).
 */
final class InvoiceItems {
    private final StripeState state;
    private final Invoices invoices;

    InvoiceItems(StripeState state, Invoices invoices) {
        this.state = state;
        this.invoices = invoices;
    }

    void routes(Router router) {
        router.on("POST", "/v1/invoiceitems", this::create)
                .on("GET", "/v1/invoiceitems", this::list)
                .on("GET", "/v1/invoiceitems/{id}", c -> Reply.ok(state.invoiceItems.get(c.id(0), "id")))
                .on("POST", "/v1/invoiceitems/{id}", this::update)
                .on("DELETE", "/v1/invoiceitems/{id}", this::delete);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("customer", "amount", "currency", "description", "metadata", "invoice",
                "period", "quantity", "discountable");
        ObjectNode customer = state.customers.get(params.required("customer"), "customer");
        if (!params.has("amount")) {
            throw StripeError.missing("amount");
        }
        long amount = params.requiredInteger("amount");
        String currency = currency(params, customer);
        ObjectNode invoice = null;
        if (params.has("invoice")) {
            invoice = state.invoices.get(params.required("invoice"), "invoice");
            if (!invoice.get("status").asText().equals("draft")) {
                throw StripeError.invalid("invoice", "You can only add invoice items to draft invoices.");
            }
            if (!invoice.get("customer").asText().equals(customer.get("id").asText())) {
                throw StripeError.invalid("invoice", "The invoice belongs to another customer.");
            }
            if (!invoice.get("currency").asText().equals(currency)) {
                throw StripeError.invalid("currency", "The currency of the invoice item must match the invoice's ("
                        + invoice.get("currency").asText() + ").");
            }
        }
        long now = state.now();
        ObjectNode item = Json.resource(Ids.next("ii_"), "invoiceitem", now);
        item.remove("created");
        item.put("amount", amount);
        item.put("currency", currency);
        item.put("customer", customer.get("id").asText());
        item.put("date", now);
        item.put("description", params.string("description"));
        Boolean discountable = params.bool("discountable");
        item.put("discountable", discountable == null || discountable);
        item.putArray("discounts");
        item.put("invoice", invoice == null ? null : invoice.get("id").asText());
        item.putObject("metadata");
        Metadata.apply(item, params);
        item.put("net_amount", amount);
        item.putNull("parent");
        ObjectNode period = item.putObject("period");
        Params given = params.hash("period");
        if (given != null) {
            given.allow("start", "end");
        }
        period.put("end", given == null || given.integer("end") == null ? now : given.integer("end"));
        period.put("start", given == null || given.integer("start") == null ? now : given.integer("start"));
        item.putNull("pricing");
        item.put("proration", false);
        item.putObject("proration_details").putArray("discount_amounts");
        Long quantity = params.integer("quantity");
        item.put("quantity", quantity == null ? 1 : quantity);
        item.putArray("tax_rates");
        item.putNull("test_clock");
        state.invoiceItems.put(item);
        if (customer.get("currency").isNull()) {
            customer.put("currency", currency);
        }
        state.emit("invoiceitem.created", item);
        if (invoice != null) {
            invoices.refresh(invoice);
        }
        return Reply.ok(item);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("amount", "description", "metadata", "quantity", "discountable", "period");
        ObjectNode item = state.invoiceItems.get(call.id(0), "id");
        ObjectNode invoice = state.invoices.find(item.path("invoice").asText(null));
        if (invoice != null && !invoice.get("status").asText().equals("draft")) {
            throw StripeError.state(null, "You cannot update an invoice item that is attached to an invoice that is"
                    + " no longer editable.");
        }
        ObjectNode before = item.deepCopy();
        if (params.has("amount")) {
            item.put("amount", params.requiredInteger("amount"));
            item.put("net_amount", item.get("amount").asLong());
        }
        if (params.has("description")) {
            item.put("description", params.string("description"));
        }
        if (params.has("quantity")) {
            item.put("quantity", params.requiredInteger("quantity"));
        }
        if (params.has("discountable")) {
            item.put("discountable", params.bool("discountable"));
        }
        Metadata.apply(item, params);
        state.emit("invoiceitem.updated", item, StripeState.changes(before, item));
        if (invoice != null) {
            invoices.refresh(invoice);
        }
        return Reply.ok(item);
    }

    private Reply delete(Call call) {
        ObjectNode item = state.invoiceItems.get(call.id(0), "id");
        ObjectNode invoice = state.invoices.find(item.path("invoice").asText(null));
        if (invoice != null && !invoice.get("status").asText().equals("draft")) {
            throw StripeError.state(null, "You cannot delete an invoice item that is attached to an invoice that is"
                    + " no longer editable.");
        }
        state.invoiceItems.remove(item.get("id").asText());
        state.emit("invoiceitem.deleted", item);
        if (invoice != null) {
            invoices.refresh(invoice);
        }
        ObjectNode deleted = Json.object();
        deleted.put("id", item.get("id").asText());
        deleted.put("object", "invoiceitem");
        deleted.put("deleted", true);
        return Reply.ok(deleted);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("customer", "invoice", "pending", "limit", "starting_after",
                "ending_before", "created");
        String customer = params.string("customer");
        String invoice = params.string("invoice");
        Boolean pending = params.bool("pending");
        return Reply.ok(Lists.page(state.invoiceItems.list(i ->
                        (customer == null || customer.equals(i.path("customer").asText()))
                                && (invoice == null || invoice.equals(i.path("invoice").asText(null)))
                                && (pending == null || pending == i.path("invoice").isNull())),
                params, "/v1/invoiceitems"));
    }

    static String currency(Params params, ObjectNode customer) {
        String currency = params.string("currency");
        if (currency == null) {
            return customer.path("currency").isTextual() ? customer.get("currency").asText() : "usd";
        }
        if (!currency.matches("[A-Za-z]{3}")) {
            throw StripeError.invalid("currency", "Invalid currency: " + currency);
        }
        return currency.toLowerCase(Locale.ROOT);
    }
}
