package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
                .on("POST", "/_fake/failures", this::failRequests)
                .on("DELETE", "/_fake/failures", c -> {
                    fake.clearFailures();
                    return Reply.ok(failures());
                })
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

    /**
     * {@code method}, {@code path}, {@code after} (0 unless given), {@code times} (1 unless given), {@code failure}
     * ({@code error} or {@code answer_lost}) and {@code params} (a hash of top-level parameters the request must carry);
     * as a form or as JSON. See {@link FakeStripe#failRequests}.
     */
    private Reply failRequests(Call call) {
        Params params = call.params().allow("method", "path", "after", "times", "failure", "params");
        String failure = params.oneOf("failure", "error", "answer_lost");
        Map<String, String> match = new LinkedHashMap<>();
        Params given = params.hash("params");
        if (given != null) {
            given.tree().fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw StripeError.invalid("params", "Only top-level parameters can be matched: " + e.getKey());
                }
                match.put(e.getKey(), e.getValue().asText());
            });
        }
        int after = count(params, "after", 0);
        int times = count(params, "times", 1);
        if (after < 0 || times < 1) {
            throw StripeError.invalid(after < 0 ? "after" : "times", "after must be at least 0 and times at least 1");
        }
        fake.failRequests(params.required("method"), params.required("path"), match, after, times,
                failure == null ? FakeStripe.Failure.ERROR : FakeStripe.Failure.valueOf(failure.toUpperCase(Locale.ROOT)));
        return Reply.ok(failures());
    }

    private ObjectNode failures() {
        ObjectNode body = Json.object();
        body.put("pending_failures", fake.pendingFailures());
        return body;
    }

    /** A count given as a JSON number or a string of digits. */
    private static int count(Params params, String name, int absent) {
        JsonNode value = params.node(name);
        if (value == null) {
            return absent;
        }
        if (value.canConvertToInt() && value.isIntegralNumber()) {
            return value.intValue();
        }
        Long parsed = params.integer(name);
        return Math.toIntExact(parsed);
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
