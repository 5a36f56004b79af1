package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/payment_methods} (cards only): create from a test token or card number, retrieve, update metadata,
 * attach, detach, list by customer and type; and {@code /v1/customers/{id}/payment_methods}.
 */
final class PaymentMethods {
    private final StripeState state;

    PaymentMethods(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("POST", "/v1/payment_methods", this::create)
                .on("GET", "/v1/payment_methods", this::list)
                .on("GET", "/v1/payment_methods/{id}", c -> Reply.ok(state.paymentMethods.get(c.id(0), "id")))
                .on("POST", "/v1/payment_methods/{id}", this::update)
                .on("POST", "/v1/payment_methods/{id}/attach", this::attach)
                .on("POST", "/v1/payment_methods/{id}/detach", this::detach)
                .on("GET", "/v1/customers/{id}/payment_methods", this::listOfCustomer)
                .on("GET", "/v1/customers/{id}/payment_methods/{id}", this::retrieveOfCustomer);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("type", "card", "metadata", "billing_details", "allow_redisplay");
        String type = params.required("type");
        if (!type.equals("card")) {
            throw StripeError.invalid("type", "The fake supports payment methods of type card only.");
        }
        Params card = params.hash("card");
        if (card == null) {
            throw StripeError.missing("card");
        }
        card.allow("token", "number", "exp_month", "exp_year", "cvc");
        Cards.Card chosen;
        if (card.has("token")) {
            chosen = Cards.named(card.string("token"));
            if (chosen == null) {
                throw StripeError.noSuch("token", card.string("token"), "card[token]");
            }
        } else {
            String number = card.string("number");
            if (number == null) {
                throw StripeError.missing("card[number]");
            }
            chosen = Cards.byNumber(number);
            if (chosen == null) {
                throw new StripeError(402, "card_error", "incorrect_number", "number", null,
                        "Your card number is incorrect.");
            }
        }
        ObjectNode pm = Cards.paymentMethod(chosen, state.now(), card.integer("exp_month"), card.integer("exp_year"));
        Metadata.apply(pm, params);
        billingDetails(pm, params);
        state.paymentMethods.put(pm);
        return Reply.ok(pm);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("metadata", "billing_details", "allow_redisplay");
        ObjectNode stored = state.paymentMethods.get(call.id(0), "id");
        ObjectNode pm = stored.deepCopy();
        Metadata.apply(pm, params);
        billingDetails(pm, params);
        state.paymentMethods.put(pm);
        state.emit("payment_method.updated", pm, StripeState.changes(stored, pm));
        return Reply.ok(pm);
    }

    private Reply attach(Call call) {
        Params params = call.params().allow("customer");
        return Reply.ok(attach(call.id(0), params.required("customer"), "customer"));
    }

    /**
     * Attaches a payment method to a customer (a test payment method such as {@code pm_card_visa} becomes a new card
     * first, as in Stripe) and announces {@code payment_method.attached}. Returns the attached payment method.
     */
    ObjectNode attach(String paymentMethodId, String customerId, String customerParam) {
        ObjectNode customer = state.customers.get(customerId, customerParam);
        ObjectNode pm;
        Cards.Card test = Cards.named(paymentMethodId);
        if (test != null && paymentMethodId.startsWith("pm_card_")) {
            pm = state.paymentMethods.put(Cards.paymentMethod(test, state.now(), null, null));
        } else {
            pm = state.paymentMethods.get(paymentMethodId, null);
        }
        String owner = pm.path("customer").asText(null);
        if (owner != null && !owner.equals(customer.get("id").asText())) {
            throw StripeError.state(null, "The payment method you provided has already been attached to a customer.");
        }
        if (owner == null) {
            pm.put("customer", customer.get("id").asText());
            state.emit("payment_method.attached", pm);
        }
        return pm;
    }

    private Reply detach(Call call) {
        call.params().allow();
        ObjectNode pm = state.paymentMethods.get(call.id(0), "id");
        String owner = pm.path("customer").asText(null);
        if (owner == null) {
            throw StripeError.state(null, "The payment method you provided is not attached to a customer so"
                    + " detachment is impossible.");
        }
        pm.putNull("customer");
        ObjectNode customer = state.customers.find(owner);
        if (customer != null && call.id(0).equals(
                customer.path("invoice_settings").path("default_payment_method").asText(null))) {
            ObjectNode before = customer.deepCopy();
            ((ObjectNode) customer.get("invoice_settings")).putNull("default_payment_method");
            state.emit("customer.updated", customer, StripeState.changes(before, customer));
        }
        state.emit("payment_method.detached", pm);
        return Reply.ok(pm);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("customer", "type", "limit", "starting_after", "ending_before");
        String customer = params.string("customer");
        if (customer != null) {
            state.customers.get(customer, "customer");
        }
        String type = params.string("type");
        return Reply.ok(Lists.page(state.paymentMethods.list(pm ->
                        (customer == null || customer.equals(pm.path("customer").asText(null)))
                                && (type == null || type.equals(pm.path("type").asText()))),
                params, "/v1/payment_methods"));
    }

    private Reply listOfCustomer(Call call) {
        Params params = call.params().allow("type", "limit", "starting_after", "ending_before", "allow_redisplay");
        String customer = state.customers.get(call.id(0), "customer").get("id").asText();
        String type = params.string("type");
        return Reply.ok(Lists.page(state.paymentMethods.list(pm -> customer.equals(pm.path("customer").asText(null))
                        && (type == null || type.equals(pm.path("type").asText()))),
                params, "/v1/customers/" + customer + "/payment_methods"));
    }

    private Reply retrieveOfCustomer(Call call) {
        state.customers.get(call.id(0), "customer");
        ObjectNode pm = state.paymentMethods.get(call.id(1), "payment_method");
        if (!call.id(0).equals(pm.path("customer").asText(null))) {
            throw StripeError.noSuch("PaymentMethod", call.id(1), "payment_method");
        }
        return Reply.ok(pm);
    }

    private static void billingDetails(ObjectNode pm, Params params) {
        Params details = params.hash("billing_details");
        if (details == null) {
            return;
        }
        details.allow("name", "email", "phone", "address");
        ObjectNode target = (ObjectNode) pm.get("billing_details");
        for (String field : new String[] {"name", "email", "phone"}) {
            String value = details.string(field);
            if (value != null) {
                target.put(field, value.isEmpty() ? null : value);
            }
        }
        Params address = details.hash("address");
        if (address != null) {
            address.allow("city", "country", "line1", "line2", "postal_code", "state");
            address.tree().fields().forEachRemaining(f ->
                    ((ObjectNode) target.get("address")).put(f.getKey(), f.getValue().asText()));
        }
    }
}
