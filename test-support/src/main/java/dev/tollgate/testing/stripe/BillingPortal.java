package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/billing_portal/sessions}: a session for a customer, with a {@code url} the fake serves. */
final class BillingPortal {
    private final StripeState state;

    BillingPortal(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("POST", "/v1/billing_portal/sessions", this::create);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("customer", "return_url", "configuration", "locale", "flow_data",
                "on_behalf_of");
        String customer = state.customers.get(params.required("customer"), "customer").get("id").asText();
        String id = Ids.next("bps_");
        ObjectNode session = Json.resource(id, "billing_portal.session", state.now());
        String configuration = params.string("configuration");
        session.put("configuration", configuration == null ? "bpc_fakedefault" : configuration);
        session.put("customer", customer);
        session.putNull("flow");
        session.put("locale", params.string("locale"));
        session.putNull("on_behalf_of");
        session.put("return_url", params.string("return_url"));
        session.put("url", state.baseUrl + "/_fake/billing_portal/" + id);
        state.portalSessions.put(session);
        return Reply.ok(session);
    }
}
