package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Controls that make Tollgate and Stripe disagree, for reconciliation tests and demos: {@code POST /_fake/webhooks/lost}
 * ({@code lost=true|false}) stops or resumes delivering events, {@code POST /_fake/outage} ({@code down=true|false})
 * makes the API unreachable. Settling an invoice meanwhile is done through Stripe's own API
 * ({@code POST /v1/invoices/{id}/pay} with {@code paid_out_of_band}, {@code /void}, {@code /mark_uncollectible}).
 */
final class DriftControls {
    private final StripeState state;

    DriftControls(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("POST", "/_fake/webhooks/lost", call -> {
            state.webhooksLost = flag(call.params().allow("lost"), "lost");
            return Reply.ok(status());
        }).on("POST", "/_fake/outage", call -> {
            state.outage = flag(call.params().allow("down"), "down");
            return Reply.ok(status());
        });
    }

    private static boolean flag(Params params, String name) {
        Boolean value = params.bool(name);
        if (value == null) {
            throw StripeError.missing(name);
        }
        return value;
    }

    private ObjectNode status() {
        ObjectNode body = Json.object();
        body.put("webhooks_lost", state.webhooksLost);
        body.put("outage", state.outage);
        return body;
    }
}
