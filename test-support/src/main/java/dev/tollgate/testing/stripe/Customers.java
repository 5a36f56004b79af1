package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/customers}: create, retrieve, update, delete, list; {@code invoice_settings.default_payment_method}. */
final class Customers {
    private static final String[] WRITABLE = {"email", "name", "description", "phone", "metadata",
        "invoice_settings", "payment_method", "preferred_locales", "invoice_prefix", "address", "shipping"};
    private final StripeState state;
    private final PaymentMethods paymentMethods;

    Customers(StripeState state, PaymentMethods paymentMethods) {
        this.state = state;
        this.paymentMethods = paymentMethods;
    }

    void routes(Router router) {
        router.on("POST", "/v1/customers", this::create)
                .on("GET", "/v1/customers", this::list)
                .on("GET", "/v1/customers/{id}", this::retrieve)
                .on("POST", "/v1/customers/{id}", this::update)
                .on("DELETE", "/v1/customers/{id}", this::delete);
    }

    private Reply create(Call call) {
        Params params = call.params().allow(WRITABLE);
        ObjectNode customer = Json.resource(Ids.next("cus_"), "customer", state.now());
        customer.putNull("address");
        customer.put("balance", 0);
        customer.putNull("currency");
        customer.putNull("default_source");
        customer.put("delinquent", false);
        customer.putNull("description");
        customer.putNull("discount");
        customer.putNull("email");
        customer.put("invoice_prefix", Ids.random(8).toUpperCase());
        ObjectNode settings = customer.putObject("invoice_settings");
        settings.putNull("custom_fields");
        settings.putNull("default_payment_method");
        settings.putNull("footer");
        settings.putNull("rendering_options");
        customer.putObject("metadata");
        customer.putNull("name");
        customer.put("next_invoice_sequence", 1);
        customer.putNull("phone");
        customer.putArray("preferred_locales");
        customer.putNull("shipping");
        customer.put("tax_exempt", "none");
        customer.putNull("test_clock");
        String attach = params.string("payment_method");
        write(customer, params);
        state.customers.put(customer);
        state.emit("customer.created", customer);
        if (attach != null && !attach.isEmpty()) {
            paymentMethods.attach(attach, customer.get("id").asText(), "payment_method");
        }
        if (params.hash("invoice_settings") != null) {
            ObjectNode before = customer.deepCopy();
            setDefault(customer, params.hash("invoice_settings"));
            if (!before.equals(customer)) {
                state.emit("customer.updated", customer, StripeState.changes(before, customer));
            }
        }
        return Reply.ok(customer);
    }

    private Reply retrieve(Call call) {
        ObjectNode customer = state.customers.find(call.id(0));
        if (customer == null) {
            throw StripeError.noSuch("customer", call.id(0), "id");
        }
        return Reply.ok(customer);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("email", "name", "description", "phone", "metadata",
                "invoice_settings", "preferred_locales", "invoice_prefix", "address", "shipping");
        ObjectNode stored = state.customers.get(call.id(0), "id");
        ObjectNode customer = stored.deepCopy();
        write(customer, params);
        if (params.hash("invoice_settings") != null) {
            setDefault(customer, params.hash("invoice_settings"));
        }
        state.customers.put(customer);
        ObjectNode changes = StripeState.changes(stored, customer);
        if (!changes.isEmpty()) {
            state.emit("customer.updated", customer, changes);
        }
        return Reply.ok(customer);
    }

    private Reply delete(Call call) {
        ObjectNode customer = state.customers.get(call.id(0), "id");
        ObjectNode deleted = Json.object();
        deleted.put("id", customer.get("id").asText());
        deleted.put("object", "customer");
        deleted.put("deleted", true);
        state.customers.put(deleted);
        state.emit("customer.deleted", customer);
        return Reply.ok(deleted);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("email", "limit", "starting_after", "ending_before", "created",
                "test_clock");
        String email = params.string("email");
        return Reply.ok(Lists.page(state.customers.list(c -> email == null || email.equals(c.path("email").asText())),
                params, "/v1/customers"));
    }

    private static void write(ObjectNode customer, Params params) {
        for (String field : new String[] {"email", "name", "description", "phone", "invoice_prefix"}) {
            String value = params.string(field);
            if (value != null) {
                if (value.isEmpty()) {
                    customer.putNull(field);
                } else {
                    customer.put(field, value);
                }
            }
        }
        if (params.has("preferred_locales")) {
            var locales = customer.putArray("preferred_locales");
            params.strings("preferred_locales").forEach(locales::add);
        }
        if (params.has("address")) {
            customer.set("address", params.hash("address").tree().isEmpty() ? null : params.hash("address").tree());
        }
        if (params.has("shipping")) {
            customer.set("shipping", params.hash("shipping").tree().isEmpty() ? null : params.hash("shipping").tree());
        }
        Metadata.apply(customer, params);
    }

    /** {@code invoice_settings[default_payment_method]}: a payment method attached to this customer, or "" to unset. */
    private void setDefault(ObjectNode customer, Params settings) {
        settings.allow("default_payment_method", "footer", "custom_fields", "rendering_options");
        ObjectNode target = (ObjectNode) customer.get("invoice_settings");
        if (settings.has("footer")) {
            String footer = settings.string("footer");
            if (footer.isEmpty()) {
                target.putNull("footer");
            } else {
                target.put("footer", footer);
            }
        }
        String pm = settings.string("default_payment_method");
        if (pm == null) {
            return;
        }
        if (pm.isEmpty()) {
            target.putNull("default_payment_method");
            return;
        }
        String param = "invoice_settings[default_payment_method]";
        ObjectNode method = state.paymentMethods.get(pm, param);
        if (!customer.get("id").asText().equals(method.path("customer").asText(null))) {
            throw StripeError.invalid(param, "The customer does not have a payment method with the ID " + pm
                    + ". The payment method must be attached to the customer.");
        }
        target.put("default_payment_method", pm);
    }
}
