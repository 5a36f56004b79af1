package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/checkout/sessions} in {@code mode=setup}: create (with its setup intent, a hosted {@code url} or, for
 * {@code ui_mode=embedded|custom}, a {@code client_secret}), retrieve, list, expire; and {@link #complete}, what the
 * customer filling in the page does.
 */
final class CheckoutSessions {
    private final StripeState state;
    private final SetupIntents setupIntents;

    CheckoutSessions(StripeState state, SetupIntents setupIntents) {
        this.state = state;
        this.setupIntents = setupIntents;
    }

    void routes(Router router) {
        router.on("POST", "/v1/checkout/sessions", this::create)
                .on("GET", "/v1/checkout/sessions", this::list)
                .on("GET", "/v1/checkout/sessions/{id}", c -> Reply.ok(state.checkoutSessions.get(c.id(0), "session")))
                .on("POST", "/v1/checkout/sessions/{id}", this::update)
                .on("POST", "/v1/checkout/sessions/{id}/expire", this::expire);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("mode", "customer", "customer_email", "success_url", "cancel_url",
                "return_url", "ui_mode", "payment_method_types", "currency", "metadata", "client_reference_id",
                "setup_intent_data", "locale", "expires_at", "billing_address_collection");
        String mode = params.required("mode");
        if (!mode.equals("setup")) {
            throw StripeError.invalid("mode", "The fake supports Checkout in mode=setup only.");
        }
        String uiMode = params.oneOf("ui_mode", "hosted", "embedded", "custom");
        uiMode = uiMode == null ? "hosted" : uiMode;
        if (uiMode.equals("hosted") && params.string("return_url") != null) {
            throw StripeError.invalid("return_url", "You can only pass return_url for embedded or custom ui_mode.");
        }
        String customer = params.string("customer");
        if (customer != null) {
            state.customers.get(customer, "customer");
        }
        for (String type : params.strings("payment_method_types")) {
            if (!type.equals("card")) {
                throw StripeError.invalid("payment_method_types", "The fake supports card payment methods only.");
            }
        }
        Params intentData = params.hash("setup_intent_data");
        if (intentData != null) {
            intentData.allow("metadata", "description", "on_behalf_of");
        }
        String id = "cs_test_" + Ids.random(40);
        long now = state.now();
        ObjectNode session = Json.resource(id, "checkout.session", now);
        session.putNull("after_expiration");
        session.putNull("allow_promotion_codes");
        session.putNull("amount_subtotal");
        session.putNull("amount_total");
        ObjectNode tax = session.putObject("automatic_tax");
        tax.put("enabled", false);
        tax.putNull("liability");
        tax.putNull("status");
        session.put("billing_address_collection", params.string("billing_address_collection"));
        session.put("cancel_url", params.string("cancel_url"));
        session.put("client_reference_id", params.string("client_reference_id"));
        session.put("client_secret", uiMode.equals("hosted") ? null : id + "_secret_" + Ids.random(24));
        session.putNull("consent");
        session.putNull("consent_collection");
        session.put("currency", params.string("currency"));
        session.putArray("custom_fields");
        session.put("customer", customer);
        session.putNull("customer_creation");
        session.putNull("customer_details");
        session.put("customer_email", params.string("customer_email"));
        Long expiresAt = params.integer("expires_at");
        session.put("expires_at", expiresAt == null ? now + 24 * 3600 : expiresAt);
        session.putNull("invoice");
        session.putNull("invoice_creation");
        session.put("locale", params.string("locale"));
        session.putObject("metadata");
        Metadata.apply(session, params);
        session.put("mode", "setup");
        session.putNull("payment_intent");
        session.putNull("payment_link");
        session.put("payment_method_collection", "always");
        session.putObject("payment_method_options");
        session.putArray("payment_method_types").add("card");
        session.put("payment_status", "no_payment_required");
        session.putObject("phone_number_collection").put("enabled", false);
        session.putNull("recovered_from");
        session.put("return_url", params.string("return_url"));
        ObjectNode intent = setupIntents.open(customer, intentData,
                intentData == null ? null : intentData.string("description"));
        session.put("setup_intent", intent.get("id").asText());
        session.putNull("shipping_address_collection");
        session.putNull("shipping_cost");
        session.putArray("shipping_options");
        session.put("status", "open");
        session.putNull("submit_type");
        session.putNull("subscription");
        session.put("success_url", params.string("success_url"));
        session.putNull("total_details");
        session.put("ui_mode", uiMode);
        session.put("url", uiMode.equals("hosted") ? state.baseUrl + "/_fake/checkout/" + id : null);
        state.checkoutSessions.put(session);
        return Reply.ok(session);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("metadata");
        ObjectNode session = state.checkoutSessions.get(call.id(0), "session");
        Metadata.apply(session, params);
        return Reply.ok(session);
    }

    private Reply expire(Call call) {
        call.params().allow();
        ObjectNode session = state.checkoutSessions.get(call.id(0), "session");
        if (!session.get("status").asText().equals("open")) {
            throw StripeError.state(null, "Only Checkout Sessions with a status in [\"open\"] can be expired. This"
                    + " Checkout Session has a status of \"" + session.get("status").asText() + "\".");
        }
        session.put("status", "expired");
        session.putNull("url");
        ObjectNode intent = state.setupIntents.find(session.get("setup_intent").asText());
        if (intent != null) {
            intent.put("status", "canceled");
            intent.put("cancellation_reason", "abandoned");
        }
        state.emit("checkout.session.expired", session);
        return Reply.ok(session);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("customer", "setup_intent", "status", "limit", "starting_after",
                "ending_before", "created", "client_reference_id");
        String customer = params.string("customer");
        String intent = params.string("setup_intent");
        String status = params.string("status");
        return Reply.ok(Lists.page(state.checkoutSessions.list(s ->
                        (customer == null || customer.equals(s.path("customer").asText(null)))
                                && (intent == null || intent.equals(s.path("setup_intent").asText(null)))
                                && (status == null || status.equals(s.path("status").asText()))),
                params, "/v1/checkout/sessions"));
    }

    /**
     * The customer completed the page with {@code card}: a card payment method is created and saved through the
     * session's setup intent ({@code payment_method.attached}, {@code setup_intent.succeeded}), then the session
     * completes ({@code checkout.session.completed}). A declining card leaves the session open and fails with 402.
     */
    ObjectNode complete(String sessionId, Cards.Card card) {
        ObjectNode session = state.checkoutSessions.get(sessionId, "session");
        if (!session.get("status").asText().equals("open")) {
            throw StripeError.state(null, "This Checkout Session is " + session.get("status").asText()
                    + " and cannot be completed.");
        }
        ObjectNode intent = state.setupIntents.get(session.get("setup_intent").asText(), "setup_intent");
        ObjectNode pm = state.paymentMethods.put(Cards.paymentMethod(card, state.now(), null, null));
        setupIntents.succeed(intent, pm);
        session.put("status", "complete");
        session.putNull("url");
        ObjectNode details = session.putObject("customer_details");
        details.putNull("address");
        details.put("email", session.path("customer_email").asText(null));
        details.putNull("name");
        details.putNull("phone");
        details.put("tax_exempt", "none");
        details.putArray("tax_ids");
        state.emit("checkout.session.completed", session);
        return session;
    }
}
