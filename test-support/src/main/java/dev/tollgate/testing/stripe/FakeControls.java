package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test controls over HTTP, under {@code /_fake/} (no key: a demo's browser reaches the pages too). Each is a thin
 * mapping onto {@link FakeStripe}'s Java methods.
 */
final class FakeControls {
    private final FakeStripe fake;
    private final StripeState state;

    FakeControls(FakeStripe fake, StripeState state) {
        this.fake = fake;
        this.state = state;
    }

    void routes(Router router) {
        router.on("GET", "/_fake/checkout/{id}", c -> Reply.html(Pages.checkout(state.checkoutSessions.get(c.id(0),
                        "session"))))
                .on("POST", "/_fake/checkout/{id}", this::submitCheckout)
                .on("POST", "/_fake/checkout_sessions/{id}/complete",
                        c -> Reply.ok(fake.completeCheckoutSession(c.id(0), card(c.params())).deepCopy()))
                .on("POST", "/_fake/setup_intents/{id}/complete",
                        c -> Reply.ok(fake.completeSetupIntent(c.id(0), card(c.params()))))
                .on("POST", "/_fake/customers/{id}/fail_next_payment", this::failNextPayment)
                .on("POST", "/_fake/events", this::sendEvent)
                .on("GET", "/_fake/requests", c -> Reply.ok(list(Json.MAPPER.valueToTree(fake.requests()))))
                .on("GET", "/_fake/webhook_deliveries",
                        c -> Reply.ok(list(Json.MAPPER.valueToTree(fake.webhookDeliveries()))))
                .on("GET", "/_fake/counts", c -> Reply.ok(Json.MAPPER.valueToTree(fake.counts())))
                // with their signing secrets, which Stripe's own routes show only at creation: a load generator signs
                // events for an endpoint someone else registered (bench/stripe)
                .on("GET", "/_fake/webhook_endpoints", c -> Reply.ok(list(Json.MAPPER.valueToTree(state.webhookEndpoints.list(e -> true)))))
                .on("GET", "/_fake/billing_portal/{id}", this::portal)
                .on("GET", "/_fake/invoices/{id}", c -> Reply.html(Pages.invoice(state.invoices.get(c.id(0),
                        "invoice"))));
    }

    private Reply submitCheckout(Call call) {
        ObjectNode session = fake.completeCheckoutSession(call.id(0), card(call.params()));
        String success = session.path("success_url").asText(null);
        if (success == null) {
            return Reply.html(Pages.checkout(session));
        }
        return Reply.redirect(success.replace("{CHECKOUT_SESSION_ID}", session.get("id").asText()));
    }

    private Reply failNextPayment(Call call) {
        fake.failNextPayment(call.id(0));
        ObjectNode body = Json.object();
        body.put("customer", call.id(0));
        body.put("fail_next_payment", true);
        return Reply.ok(body);
    }

    /** {@code {"type": "...", "object": {...}}} as JSON, or {@code type} and {@code object} as a JSON string in a form. */
    private Reply sendEvent(Call call) {
        Params params = call.params().allow("type", "object");
        String type = params.required("type");
        JsonNode object = params.node("object");
        if (object != null && object.isTextual()) {
            object = Json.read(object.asText());
        }
        if (object == null || !object.isObject()) {
            throw StripeError.missing("object");
        }
        return Reply.ok(state.events.get(fake.sendEvent(type, object), "id"));
    }

    private Reply portal(Call call) {
        ObjectNode session = state.portalSessions.get(call.id(0), "session");
        String customer = session.get("customer").asText();
        return Reply.html(Pages.portal(session,
                state.paymentMethods.list(pm -> customer.equals(pm.path("customer").asText(null)))));
    }

    private static Cards.Card card(Params params) {
        String name = params.string("card");
        if (name == null) {
            return Cards.visa();
        }
        Cards.Card card = Cards.named("tok_" + name);
        if (card == null) {
            throw StripeError.invalid("card", "Unknown test card: " + name
                    + " (visa, mastercard, amex, chargeDeclined)");
        }
        return card;
    }

    private static ObjectNode list(JsonNode items) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", items == null ? Json.array() : (ArrayNode) items);
        list.put("has_more", false);
        return list;
    }
}
