package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/setup_intents}: create, retrieve, update, list, confirm, cancel; and {@link #succeed}, how a confirmed
 * card (by the API or by a completed Checkout session) is saved to the customer.
 */
final class SetupIntents {
    private final StripeState state;
    private final PaymentMethods paymentMethods;

    SetupIntents(StripeState state, PaymentMethods paymentMethods) {
        this.state = state;
        this.paymentMethods = paymentMethods;
    }

    void routes(Router router) {
        router.on("POST", "/v1/setup_intents", this::create)
                .on("GET", "/v1/setup_intents", this::list)
                .on("GET", "/v1/setup_intents/{id}", c -> Reply.ok(state.setupIntents.get(c.id(0), "intent")))
                .on("POST", "/v1/setup_intents/{id}", this::update)
                .on("POST", "/v1/setup_intents/{id}/confirm", this::confirm)
                .on("POST", "/v1/setup_intents/{id}/cancel", this::cancel);
    }

    /** A new setup intent for card payments of {@code customer} (may be null), stored and announced. */
    ObjectNode open(String customer, Params metadataSource, String description) {
        String id = Ids.next("seti_");
        ObjectNode intent = Json.resource(id, "setup_intent", state.now());
        intent.putNull("application");
        intent.putNull("automatic_payment_methods");
        intent.putNull("cancellation_reason");
        intent.put("client_secret", id + "_secret_" + Ids.random(24));
        intent.put("customer", customer);
        intent.put("description", description);
        intent.putNull("last_setup_error");
        intent.putNull("latest_attempt");
        intent.putNull("mandate");
        intent.putObject("metadata");
        intent.putNull("next_action");
        intent.putNull("on_behalf_of");
        intent.putNull("payment_method");
        intent.putObject("payment_method_options").putObject("card").put("request_three_d_secure", "automatic");
        intent.putArray("payment_method_types").add("card");
        intent.putNull("single_use_mandate");
        intent.put("status", "requires_payment_method");
        intent.put("usage", "off_session");
        if (metadataSource != null) {
            Metadata.apply(intent, metadataSource);
        }
        state.setupIntents.put(intent);
        state.emit("setup_intent.created", intent);
        return intent;
    }

    private Reply create(Call call) {
        Params params = call.params().allow("customer", "payment_method_types", "usage", "metadata", "description",
                "payment_method", "confirm", "return_url", "automatic_payment_methods");
        String customer = params.string("customer");
        if (customer != null) {
            state.customers.get(customer, "customer");
        }
        for (String type : params.strings("payment_method_types")) {
            if (!type.equals("card")) {
                throw StripeError.invalid("payment_method_types", "The fake supports card payment methods only.");
            }
        }
        String usage = params.oneOf("usage", "on_session", "off_session");
        ObjectNode intent = open(customer, params, params.string("description"));
        if (usage != null) {
            intent.put("usage", usage);
        }
        String pm = params.string("payment_method");
        if (pm != null) {
            usePaymentMethod(intent, pm);
        }
        if (Boolean.TRUE.equals(params.bool("confirm"))) {
            confirmNow(intent);
        }
        return Reply.ok(intent);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("customer", "metadata", "description", "payment_method");
        ObjectNode stored = state.setupIntents.get(call.id(0), "intent");
        ObjectNode intent = stored.deepCopy();
        if (params.has("customer")) {
            intent.put("customer", state.customers.get(params.required("customer"), "customer").get("id").asText());
        }
        if (params.has("description")) {
            intent.put("description", params.string("description"));
        }
        Metadata.apply(intent, params);
        if (params.has("payment_method")) {
            usePaymentMethod(intent, params.required("payment_method"));
        }
        state.setupIntents.put(intent);
        return Reply.ok(intent);
    }

    private Reply confirm(Call call) {
        Params params = call.params().allow("payment_method", "return_url", "mandate_data", "use_stripe_sdk");
        ObjectNode intent = state.setupIntents.get(call.id(0), "intent");
        if (params.has("payment_method")) {
            usePaymentMethod(intent, params.required("payment_method"));
        }
        confirmNow(intent);
        return Reply.ok(intent);
    }

    private Reply cancel(Call call) {
        Params params = call.params().allow("cancellation_reason");
        ObjectNode intent = state.setupIntents.get(call.id(0), "intent");
        String status = intent.get("status").asText();
        if (status.equals("succeeded") || status.equals("canceled")) {
            throw StripeError.state("setup_intent_unexpected_state", "You cannot cancel this SetupIntent because it"
                    + " has a status of " + status + ".");
        }
        intent.put("status", "canceled");
        intent.put("cancellation_reason", params.oneOf("cancellation_reason", "abandoned", "requested_by_customer",
                "duplicate"));
        state.emit("setup_intent.canceled", intent);
        return Reply.ok(intent);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("customer", "payment_method", "limit", "starting_after", "ending_before",
                "created", "attach_to_self");
        String customer = params.string("customer");
        return Reply.ok(Lists.page(state.setupIntents.list(i ->
                customer == null || customer.equals(i.path("customer").asText(null))), params, "/v1/setup_intents"));
    }

    private void usePaymentMethod(ObjectNode intent, String paymentMethod) {
        Cards.Card test = Cards.named(paymentMethod);
        ObjectNode pm = test != null && paymentMethod.startsWith("pm_card_")
                ? state.paymentMethods.put(Cards.paymentMethod(test, state.now(), null, null))
                : state.paymentMethods.get(paymentMethod, "payment_method");
        intent.put("payment_method", pm.get("id").asText());
        intent.put("status", "requires_confirmation");
    }

    private void confirmNow(ObjectNode intent) {
        String status = intent.get("status").asText();
        if (!status.equals("requires_confirmation") && !status.equals("requires_payment_method")) {
            throw StripeError.state("setup_intent_unexpected_state", "You cannot confirm this SetupIntent because it"
                    + " has a status of " + status + ".");
        }
        if (intent.path("payment_method").isNull()) {
            throw StripeError.missing("payment_method");
        }
        succeed(intent, state.paymentMethods.get(intent.get("payment_method").asText(), "payment_method"));
    }

    /**
     * The card was set up: a declining card fails the intent ({@code setup_intent.setup_failed}, 402); any other is
     * attached to the intent's customer ({@code payment_method.attached}) and the intent succeeds
     * ({@code setup_intent.succeeded}).
     */
    void succeed(ObjectNode intent, ObjectNode pm) {
        intent.put("payment_method", pm.get("id").asText());
        if (Cards.declines(pm)) {
            intent.put("status", "requires_payment_method");
            ObjectNode error = intent.putObject("last_setup_error");
            error.put("type", "card_error");
            error.put("code", "card_declined");
            error.put("decline_code", "generic_decline");
            error.put("message", "Your card was declined.");
            state.emit("setup_intent.setup_failed", intent);
            throw StripeError.cardDeclined("Your card was declined.");
        }
        String customer = intent.path("customer").asText(null);
        if (customer != null) {
            paymentMethods.attach(pm.get("id").asText(), customer, "customer");
        }
        intent.put("status", "succeeded");
        intent.putNull("last_setup_error");
        state.emit("setup_intent.succeeded", intent);
    }
}
